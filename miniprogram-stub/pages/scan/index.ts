import { type LicenseRow, licenseRows, toggleRow } from '../../lib/licenseRows';
import { type ProblemMessage, problemMessage, warningMessage } from '../../lib/messages';
import { type ImageSource, type ScanPhase, scanLicense } from '../../lib/scanFlow';
import { wxScanPort } from '../../lib/wxPorts';

const PHASE_TEXT: Record<ScanPhase, string> = {
  compressing: '正在压缩照片',
  uploading: '正在上传照片',
  recognizing: '正在识别',
};

/**
 * Built with Component() rather than Page(): the platform supports pages built this way (page
 * lifecycles go in `methods`), and miniprogram-simulate can then load the real files in tests.
 */
Component({
  data: {
    busy: false,
    phaseText: '',
    rows: [] as LicenseRow[],
    warnings: [] as string[],
    problem: null as ProblemMessage | null,
    cached: false,
  },
  methods: {
    onTakePhoto() {
      return this.scan('camera');
    },
    onPickPhoto() {
      return this.scan('album');
    },
    async scan(source: ImageSource) {
      if (this.data.busy) return;
      this.setData({ busy: true, phaseText: '' });
      let loadingShown = false;
      try {
        const outcome = await scanLicense(source, wxScanPort(wx), {
          onPhase: (phase) => {
            loadingShown = true;
            this.setData({ phaseText: PHASE_TEXT[phase] });
            wx.showLoading({ title: PHASE_TEXT[phase], mask: true });
          },
        });
        if (outcome.kind === 'cancelled') return;
        if (outcome.kind === 'failed') {
          this.setData({ rows: [], warnings: [], problem: problemMessage(outcome.problem), cached: false });
          return;
        }
        this.setData({
          rows: licenseRows(outcome.license),
          warnings: outcome.warnings.map(warningMessage),
          problem: null,
          cached: outcome.cached,
        });
      } finally {
        if (loadingShown) wx.hideLoading();
        this.setData({ busy: false, phaseText: '' });
      }
    },
    onToggleRow(event: WechatMiniprogram.BaseEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const row = this.data.rows[index];
      if (!row?.sensitive) return;
      this.setData({ [`rows[${index}]`]: toggleRow(row) });
    },
  },
});
