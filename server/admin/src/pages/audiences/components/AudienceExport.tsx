import { useState } from 'react';
import { Button, Checkbox, Modal, Typography, message } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useHref, useNavigate } from 'react-router-dom';
import { startAudienceExport, type Audience } from '../service';

/**
 * Starts an export job of one audience's members and points to 我的导出, where its progress and the
 * download are. Only owners are offered full phone numbers (the server refuses anyone else).
 */
export function AudienceExport({ audience, canUnmask }: { audience: Audience; canUnmask: boolean }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [unmask, setUnmask] = useState(false);
  // The toast renders outside the router's tree, so it gets a plain link that navigates in-app.
  const navigate = useNavigate();
  const exportsHref = useHref('/exports');
  const start = useMutation({
    mutationFn: () => startAudienceExport(audience.id, unmask && canUnmask),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['export-jobs'] });
      void message.success({
        content: (
          <span data-testid="audience-export-started">
            已开始导出「{audience.name}」，
            <a href={exportsHref} onClick={(e) => { e.preventDefault(); navigate('/exports'); }}>前往我的导出</a>下载
          </span>
        ),
        duration: 8,
      });
    },
  });
  return (
    <>
      <Button type="link" onClick={() => setOpen(true)} data-testid={`audience-export-${audience.id}`}>导出</Button>
      <Modal
        title="导出受众会员"
        open={open}
        okText="开始导出"
        onOk={() => start.mutate()}
        confirmLoading={start.isPending}
        onCancel={() => setOpen(false)}
        destroyOnClose
      >
        <Typography.Paragraph>
          将按当前规则导出「{audience.name}」的 {audience.memberCount} 位会员（CSV，后台生成），完成后在
          <Link to="/exports">我的导出</Link>中下载。
        </Typography.Paragraph>
        {canUnmask && (
          <Checkbox checked={unmask} onChange={(e) => setUnmask(e.target.checked)}>导出完整手机号（将记录审计）</Checkbox>
        )}
      </Modal>
    </>
  );
}
