// 双创项目: one project, its photos and documents; its members and staff edit it and add files.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Flex, Image, List, Result, Skeleton, Tag, Upload } from 'antd';
import { ArrowLeftOutlined, EditOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError, errorText } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ProjectFormModal } from '../../components/creation/forms';
import { toWan } from '../../components/creation/model';
import type { ProjectFile } from '../../components/creation/model';
import { useCreationWrite, useProject } from '../../components/creation/queries';
import { allows, CREATION_MEMBERS } from '../../layout/roles';

export default function CreationProjectPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { message } = App.useApp();
  const { user, hasRole } = useAuth();
  const navigate = useNavigate();
  const project = useProject(id);
  const [editing, setEditing] = useState(false);
  const upload = useCreationWrite((file: File) => api.upload<ProjectFile>(`/api/v1/creation/projects/${id}/files`, 'file', file, file.name));
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(-1)} />;

  if (project.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (project.isError) {
    if (project.error instanceof ApiError && project.error.status === 404) return <Result status="404" title={t('creation.notFound')} extra={<Button onClick={() => navigate('/')}>{t('common.backHome')}</Button>} />;
    return <QueryError error={project.error} onRetry={() => void project.refetch()} />;
  }
  const p = project.data;
  const office = hasRole('staff', 'admin');
  // A member (or a leader linked to one) on the project edits it.
  const mayEdit = office || (allows(CREATION_MEMBERS, user) && p.memberIds.includes(user?.memberId ?? ''));
  const fileUrl = (f: ProjectFile) => `/api/v1/creation/projects/${p.id}/files/${f.id}`;
  return (
    <>
      <PageHeader back={back} title={p.name} extra={mayEdit && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>} />
      <Flex vertical gap={16}>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} items={[
          { key: 'kind', label: t('creation.kind'), children: t(`creation.kind.${p.kind}`) },
          { key: 'state', label: t('creation.state'), children: <Tag>{t(`creation.state.${p.state}`)}</Tag> },
          { key: 'members', label: t('creation.members'), children: p.memberNames.join(t('common.listSep')) },
          { key: 'level', label: t('creation.level'), children: t(`creation.level.${p.level}`) },
          { key: 'county', label: t('creation.county'), children: p.countyName ?? t('common.none') },
          { key: 'startedOn', label: t('creation.startedOn'), children: formatDate(p.startedOn) },
          { key: 'investment', label: t('creation.investment'), children: toWan(p.investment).toLocaleString() },
          { key: 'jobs', label: t('creation.jobs'), children: p.jobs },
          { key: 'poor', label: t('creation.poorHouseholds'), children: p.poorHouseholds },
          { key: 'description', label: t('creation.description'), span: 2, children: p.description || t('common.none') },
        ]} />
        <Card size="small" title={t('creation.files')} extra={mayEdit && (
          <Upload showUploadList={false} accept="image/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx" customRequest={({ file }) => {
            upload.mutate(file as File, { onSuccess: () => message.success(t('creation.uploaded')), onError: (e) => message.error(errorText(e)) });
          }}>
            <Button icon={<UploadOutlined />} loading={upload.isPending}>{t('creation.upload')}</Button>
          </Upload>
        )}>
          <Flex wrap gap={8} style={{ marginBottom: 8 }}>
            {p.files.filter((f) => f.kind === 'photo').map((f) => <Image key={f.id} src={fileUrl(f)} alt={f.filename} width={120} height={90} style={{ objectFit: 'cover' }} />)}
          </Flex>
          <List size="small" dataSource={p.files.filter((f) => f.kind === 'document')} locale={{ emptyText: p.files.length ? ' ' : t('creation.noFiles') }}
            renderItem={(f) => <List.Item><a href={fileUrl(f)}><FileOutlined /> {f.filename}</a></List.Item>} />
        </Card>
      </Flex>
      {editing && <ProjectFormModal project={p} office={office} open onClose={() => setEditing(false)} />}
    </>
  );
}
