import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

// Chinese segmentation for every text feature (duplicate check, unit suggestion, search): jieba
// with its dictionary plus the 政协 terms, so that 双月协商, 社情民意, 提案办理 … stay whole.

// Made on first use: reading and loading the dictionaries takes ~0.15 s that every start (and every
// command that never segments) would otherwise pay.
let segmenter: Jieba | undefined;
function jieba(): Jieba {
  if (!segmenter) {
    const { dict } = createRequire(import.meta.url)('@node-rs/jieba/dict.js') as { dict: Buffer };
    segmenter = Jieba.withDict(dict);
    segmenter.loadDict(fs.readFileSync(new URL('./zhengxie-terms.txt', import.meta.url)));
  }
  return segmenter;
}

const STOP = new Set(('的 了 和 与 及 或 等 是 在 对 为 以 将 把 被 从 向 由 于 其 之 而 并 也 都 就 要 把 这 那 有 无 不 '
  + '关于 建议 提案 进一步 加强 推进 推动 完善 我市 我省 我区 我县 一是 二是 三是 四是 五是 目前 当前 方面 问题 工作 相关 有关 以及 通过 进行 实现 存在 情况 提出').split(' '));
const WORD = /[\p{Script=Han}A-Za-z0-9]/u;

/** Content words of a text: segmented, without stop words, punctuation or single characters. */
export function tokens(text: string): string[] {
  return jieba().cut(text, true).map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 2 && WORD.test(w) && !STOP.has(w));
}

/** Words of a query for search, including the parts of long compounds (e.g. 社情民意信息 → 社情, 民意, 信息). */
export function searchTokens(text: string): string[] {
  return [...new Set(jieba().cutForSearch(text, true).map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 2 && WORD.test(w) && !STOP.has(w)))];
}

/** Term frequencies; the title counts twice because it names the one issue of a proposal. */
export function termCounts(title: string, body: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of [...tokens(title), ...tokens(title), ...tokens(body)]) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}
