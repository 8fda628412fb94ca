import type { DriverLicenseRecord, DriverLicensesEvent } from '../../src/api';
import type { DriverLicense } from '../../src/domain/DriverLicense';
import { PROBLEM_MESSAGES } from '../lib/messages';
import { createFakeWx, type FakeWx, type FakeWxOptions, installWx, settle, waitFor } from './fakeWx';
import { renderPage, text } from './renderPage';

function license(idNum: string, name: string): DriverLicense {
  return {
    idNum,
    name,
    sex: '女',
    nationality: '中国',
    address: '上海市浦东新区世纪大道100号',
    birthDate: '1990-01-01',
    issueDate: '2012-05-06',
    carClass: 'C1',
    validFrom: '2018-05-06',
    validTo: null,
    validPeriodRaw: '长期',
    officialSeal: '上海市公安局交通警察总队',
  };
}

const RECORDS: DriverLicenseRecord[] = [
  {
    id: 'a1',
    license: license('310104199001010023', '李娜'),
    warnings: [],
    fileID: null,
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-02T08:00:00.000Z',
  },
  {
    id: 'b2',
    license: license('11010519491231002X', '欧阳小明'),
    warnings: [{ code: 'UNKNOWN_CAR_CLASS', field: 'carClass', message: 'x' }],
    fileID: 'cloud://env/driver-licenses/1.jpg',
    createdAt: '2026-11-03T08:00:00.000Z',
    updatedAt: '2026-11-03T08:00:00.000Z',
  },
];

let restore: () => void = () => {};
afterEach(() => restore());

/** A driverLicenses function over an in-memory list, like the real one scoped to one caller. */
function driverLicenses(records: DriverLicenseRecord[]) {
  const store = [...records];
  return (data: Record<string, unknown>) => {
    const event = data as DriverLicensesEvent;
    if (event.action === 'list') {
      return { ok: true, action: 'list', records: store, total: store.length, limit: 50, offset: 0 };
    }
    if (event.action === 'delete') {
      const index = store.findIndex((r) => r.id === event.id);
      if (index < 0) return { ok: false, code: 'NOT_FOUND', message: 'no such record' };
      store.splice(index, 1);
      return { ok: true, action: 'delete', id: event.id, deleted: true };
    }
    return { ok: false, code: 'INVALID_ARGUMENT', message: 'unexpected' };
  };
}

async function showPage(options: FakeWxOptions = {}) {
  const fake = createFakeWx({ functions: { driverLicenses: driverLicenses(RECORDS) }, ...options });
  restore = installWx(fake);
  const page = renderPage('records');
  // The platform calls onShow when the page appears; the simulator does not.
  await page.instance.onShow();
  return { fake, page };
}

type Page = Awaited<ReturnType<typeof showPage>>['page'];

/** Taps a row's delete button and lets the modal, the call and the re-render all finish. */
async function tapDelete(fake: FakeWx, page: Page, id: string) {
  const modals = fake.showModal.mock.calls.length;
  page.querySelector(`#delete-${id}`)!.dispatchEvent('tap');
  await waitFor(() => fake.showModal.mock.calls.length > modals);
  await settle();
}

describe('records page', () => {
  it('lists the saved licences with number and name masked', async () => {
    const { fake, page } = await showPage();

    expect(fake.cloud.callFunction).toHaveBeenCalledWith({
      name: 'driverLicenses',
      data: { action: 'list', limit: 50, offset: 0 },
    });
    expect(text(page, '#record-a1 .name')).toBe('李* C1');
    expect(text(page, '#record-a1')).toContain('证号 3101************23');
    expect(text(page, '#record-a1')).toContain('有效期至 长期');
    expect(text(page, '#record-b2 .name')).toBe('欧*** C1');
    expect(text(page, '#record-b2')).toContain('1 项需要核对');
    expect(text(page, '#summary')).toBe('共 2 条');
    expect(page.dom!.textContent).not.toContain('310104199001010023');
    expect(page.dom!.textContent).not.toContain('李娜');
  });

  it('deletes a record after the user confirms, and removes its row', async () => {
    const { fake, page } = await showPage({ modalConfirm: true });

    await tapDelete(fake, page, 'a1');

    expect(fake.cloud.callFunction).toHaveBeenLastCalledWith({
      name: 'driverLicenses',
      data: { action: 'delete', id: 'a1' },
    });
    expect(page.querySelector('#record-a1')).toBeUndefined();
    expect(page.querySelector('#record-b2')).toBeDefined();
    expect(text(page, '#summary')).toBe('共 1 条');
    expect(fake.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已删除' }));
  });

  it('keeps the record when the user cancels the confirmation', async () => {
    const { fake, page } = await showPage({ modalConfirm: false });
    const callsBefore = fake.cloud.callFunction.mock.calls.length;

    await tapDelete(fake, page, 'a1');

    expect(fake.cloud.callFunction).toHaveBeenCalledTimes(callsBefore);
    expect(page.querySelector('#record-a1')).toBeDefined();
    expect(text(page, '#summary')).toBe('共 2 条');
  });

  it('keeps the row and says why when the delete fails', async () => {
    const { fake, page } = await showPage({
      functions: {
        driverLicenses: (data) =>
          data.action === 'list'
            ? driverLicenses(RECORDS)(data)
            : { ok: false, code: 'DATABASE_ERROR', message: 'write failed' },
      },
    });

    await tapDelete(fake, page, 'b2');

    expect(page.querySelector('#record-b2')).toBeDefined();
    expect(fake.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: PROBLEM_MESSAGES.DATABASE_ERROR.title, icon: 'none' }),
    );
  });

  it('shows an empty state when nothing is saved', async () => {
    const { page } = await showPage({ functions: { driverLicenses: driverLicenses([]) } });

    expect(text(page, '#empty')).toContain('还没有保存的驾驶证');
    expect(text(page, '#summary')).toBeNull();
  });

  it('shows a network message when listing rejects', async () => {
    const { page } = await showPage({
      functions: {
        driverLicenses: () => {
          throw new Error('request:fail');
        },
      },
    });

    expect(text(page, '#problem .problem-title')).toBe(PROBLEM_MESSAGES.NETWORK.title);
    expect(text(page, '#empty')).toBeNull();
  });
});
