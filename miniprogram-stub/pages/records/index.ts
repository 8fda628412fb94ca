import type { RecordRow } from '../../lib/licenseRows';
import { type ProblemMessage, problemMessage } from '../../lib/messages';
import { deleteRecord, listRecords } from '../../lib/recordsFlow';
import { wxDriverLicenses } from '../../lib/wxPorts';

/** Built with Component() like the scan page (see there); onShow reloads after a new scan. */
Component({
  data: {
    loading: false,
    loaded: false,
    rows: [] as RecordRow[],
    total: 0,
    problem: null as ProblemMessage | null,
  },
  methods: {
    onShow() {
      return this.refresh();
    },
    async onPullDownRefresh() {
      await this.refresh();
      wx.stopPullDownRefresh();
    },
    async refresh() {
      this.setData({ loading: true });
      const outcome = await listRecords(wxDriverLicenses(wx));
      if (outcome.ok) {
        this.setData({
          loading: false,
          loaded: true,
          rows: outcome.rows,
          total: outcome.total,
          problem: null,
        });
      } else {
        this.setData({ loading: false, loaded: true, problem: problemMessage(outcome.problem) });
      }
    },
    async onDelete(event: WechatMiniprogram.BaseEvent) {
      const id = String(event.currentTarget.dataset.id);
      const { confirm } = await wx.showModal({
        title: '删除这条记录？',
        content: '删除后无法恢复，需要时可重新拍照识别。',
        confirmText: '删除',
        confirmColor: '#e64340',
      });
      if (!confirm) return;
      wx.showLoading({ title: '正在删除', mask: true });
      const outcome = await deleteRecord(wxDriverLicenses(wx), id);
      wx.hideLoading();
      if (outcome.ok) {
        this.setData({
          rows: this.data.rows.filter((row) => row.id !== outcome.id),
          total: Math.max(0, this.data.total - 1),
        });
        wx.showToast({ title: '已删除', icon: 'success' });
      } else {
        wx.showToast({ title: problemMessage(outcome.problem).title, icon: 'none' });
      }
    },
  },
});
