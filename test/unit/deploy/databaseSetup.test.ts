import { describeSetup, readDatabaseSetup } from '../../../scripts/deploy/databaseSetup';

describe('database/ setup', () => {
  const setups = readDatabaseSetup();
  const licences = setups.find((setup) => setup.collection === 'driver_licenses');

  it('lets only the owner read driver_licenses and nobody write it from a client', () => {
    expect(licences?.rule).toEqual({ read: 'doc._openid == auth.openid', write: false });
  });

  it.each([['driver_license_pending'], ['driver_license_ocr_usage']])(
    'closes %s to clients entirely',
    (name) => {
      expect(setups.find((setup) => setup.collection === name)?.rule).toEqual({ read: false, write: false });
    },
  );

  it('keeps a non-unique (_openid, license.idNum) index (the _id is the unique key) and an (_openid, updatedAt desc) index for the list', () => {
    const shapes = licences?.indexes.map((index) => ({
      unique: index.MgoKeySchema.MgoIsUnique,
      keys: index.MgoKeySchema.MgoIndexKeys.map((key) => `${key.Name}:${key.Direction}`),
    }));
    expect(shapes).toEqual(
      expect.arrayContaining([
        { unique: false, keys: ['_openid:1', 'license.idNum:1'] },
        { unique: false, keys: ['_openid:1', 'updatedAt:-1'] },
      ]),
    );
  });

  it('prints paste-ready console steps', () => {
    const text = describeSetup(setups);
    expect(text).toContain('{"read":"doc._openid == auth.openid","write":false}');
    expect(text).toContain('openid_idNum, 非唯一, fields _openid 升序, license.idNum 升序');
    expect(text).toContain('openid_updatedAt, 非唯一, fields _openid 升序, updatedAt 降序');
  });
});
