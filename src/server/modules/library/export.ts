import type { Column } from '../../core/xlsx.ts';
import type { listItem } from './queries.ts';
import { chinaTime } from '../../core/china-time.ts';

// The library list's export (core/list-export.ts): the documents the caller may list, with what the
// list shows them (the uploader masked to all but the office, as in the list).

type Item = ReturnType<typeof listItem>;
const ACCESS_NAMES: Record<string, string> = { public: '公开', members: '委员', staff: '机关' };
const STATE_NAMES: Record<string, string> = { processing: '处理中', ready: '可阅读', failed: '处理失败' };

const size = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function documentColumns(categoryNames: Map<string, string>, office: boolean): (Column<Item> | false)[] {
  return [
    { header: '编号', value: (d) => d.number, width: 14 }, { header: '标题', value: (d) => d.title, width: 40 },
    { header: '分类', value: (d) => (d.categoryId ? categoryNames.get(d.categoryId) : ''), width: 16 },
    { header: '格式', value: (d) => d.format, width: 8 }, { header: '页数', value: (d) => d.pages, width: 8 }, { header: '大小', value: (d) => size(d.size), width: 10 },
    { header: '阅读范围', value: (d) => ACCESS_NAMES[d.access], width: 10 }, { header: '上传者', value: (d) => d.uploader, width: 12 },
    { header: '上传时间', value: (d) => chinaTime(d.uploadedAt), width: 18 }, { header: '下载次数', value: (d) => d.downloads, width: 10 },
    office && { header: '状态', value: (d) => STATE_NAMES[d.state], width: 10 },
    office && { header: '已隐藏', value: (d) => (d.hidden ? '是' : ''), width: 8 },
  ];
}
