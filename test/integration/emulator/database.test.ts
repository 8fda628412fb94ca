import { type EmulatorWithSdk, postJson, rejectionOf, startEmulatorWithSdk } from './support/emulatorWithSdk';
import type { Database } from './support/SdkFacade';
import { sdkUnderTest } from './support/sdkUnderTest';

describe('cloud.database() through the emulator', () => {
  let env: EmulatorWithSdk;
  let db: Database;

  beforeAll(async () => {
    env = await startEmulatorWithSdk();
    db = env.cloud.database();
  });

  afterAll(async () => {
    await env.emulator.close();
  });

  beforeEach(async () => {
    await env.emulator.reset();
    await db.createCollection('people');
  });

  async function seed(): Promise<void> {
    const people = [
      { _id: 'p1', name: 'An', age: 20, tags: ['a'], address: { city: 'Beijing' } },
      { _id: 'p2', name: 'Bo', age: 30, tags: ['b'], address: { city: 'Shanghai' } },
      { _id: 'p3', name: 'Chen', age: 40, tags: ['a', 'b'], address: { city: 'Beijing' } },
      { _id: 'p4', name: 'Du', age: 50, address: { city: 'Shenzhen' } },
    ];
    for (const data of people) await db.collection('people').add({ data });
  }

  describe('collections', () => {
    it('throws -502005 (DATABASE_COLLECTION_NOT_EXIST) for a collection never created', async () => {
      const error = await rejectionOf(db.collection('nope').add({ data: { a: 1 } }));
      expect(error.errCode).toBe(-502005);
      expect(error.errMsg).toContain('Db or Table not exist');
    });

    it('throws DATABASE_COLLECTION_ALREADY_EXIST when creating an existing collection', async () => {
      const error = await rejectionOf(db.createCollection('people'));
      expect(error.errMsg).toContain('[ResourceInUse.TableExist] Table exist.');
      expect(error).toMatchObject(sdkUnderTest().rejects.collectionExists);
    });
  });

  describe('documents', () => {
    it('adds a document with a 32-hex _id and reads it back with typed values', async () => {
      const when = new Date('2024-01-02T03:04:05.000Z');
      const { _id } = await db
        .collection('people')
        .add({ data: { name: 'An', n: 1.5, when, nested: { ok: true } } });
      expect(_id).toMatch(/^[0-9a-f]{32}$/);
      const { data } = await db.collection('people').doc(_id).get();
      expect(data).toEqual({ _id, name: 'An', n: 1.5, when, nested: { ok: true } });
    });

    it('sets db.serverDate() from the server clock, with an offset', async () => {
      const before = Date.now();
      const { _id } = await db.collection('people').add({
        data: { at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) },
      });
      const { data } = await db.collection('people').doc(_id).get();
      const at = data.at as Date;
      expect(at).toBeInstanceOf(Date);
      expect(at.getTime()).toBeGreaterThanOrEqual(before);
      expect((data.later as Date).getTime() - at.getTime()).toBe(60_000);
    });

    it('throws -502001 with E11000 when adding an _id that exists', async () => {
      await db.collection('people').add({ data: { _id: 'same', a: 1 } });
      const error = await rejectionOf(db.collection('people').add({ data: { _id: 'same', a: 2 } }));
      expect(error.errCode).toBe(-502001);
      expect(error.errMsg).toContain('E11000 duplicate key');
    });

    it('doc().set() creates, then replaces the whole document', async () => {
      const created = await db
        .collection('people')
        .doc('s1')
        .set({ data: { a: 1, b: 2 } });
      expect(created.stats).toEqual({ updated: 0, created: 1 });
      await db
        .collection('people')
        .doc('s1')
        .set({ data: { c: 3 } });
      const { data } = await db.collection('people').doc('s1').get();
      expect(data).toEqual({ _id: 's1', c: 3 });
    });

    it('doc().update() applies operators: inc, remove, set, push, nested merge', async () => {
      const _ = db.command;
      await db
        .collection('people')
        .add({ data: { _id: 'u1', n: 1, gone: 'x', obj: { a: 1, b: 1 }, list: [1] } });
      const result = await db
        .collection('people')
        .doc('u1')
        .update({
          data: {
            n: _.inc(2),
            gone: _.remove(),
            obj: { b: 2 },
            replaced: _.set({ only: true }),
            list: _.push(2),
          },
        });
      expect(result.stats).toEqual({ updated: 1 });
      const { data } = await db.collection('people').doc('u1').get();
      expect(data).toEqual({ _id: 'u1', n: 3, obj: { a: 1, b: 2 }, replaced: { only: true }, list: [1, 2] });
    });

    it('doc().update() of a missing document updates nothing', async () => {
      const result = await db
        .collection('people')
        .doc('missing')
        .update({ data: { a: 1 } });
      expect(result.stats).toEqual({ updated: 0 });
    });

    it('doc().remove() deletes one document', async () => {
      await seed();
      const result = await db.collection('people').doc('p2').remove();
      expect(result.stats).toEqual({ removed: 1 });
      expect((await db.collection('people').count()).total).toBe(3);
    });
  });

  describe('queries', () => {
    beforeEach(seed);

    it.each([
      ['gt', () => ({ age: db.command.gt(30) }), ['p3', 'p4']],
      ['in', () => ({ name: db.command.in(['An', 'Du']) }), ['p1', 'p4']],
      ['nested path', () => ({ 'address.city': 'Beijing' }), ['p1', 'p3']],
      ['nested object', () => ({ address: { city: 'Shanghai' } }), ['p2']],
      ['and', () => db.command.and([{ age: db.command.gte(30) }, { age: db.command.lt(50) }]), ['p2', 'p3']],
      ['or', () => db.command.or([{ age: 20 }, { name: 'Du' }]), ['p1', 'p4']],
      ['regex (db.RegExp)', () => ({ name: db.RegExp({ regexp: '^c', options: 'i' }) }), ['p3']],
      ['regex (JS literal)', () => ({ name: /u$/ }), ['p4']],
      ['array contains', () => ({ tags: 'b' }), ['p2', 'p3']],
      ['exists', () => ({ tags: db.command.exists(false) }), ['p4']],
    ])('where with %s', async (_label, where, ids) => {
      const { data } = await db.collection('people').where(where()).get();
      expect(data.map((d) => d._id)).toEqual(ids);
    });

    it('orders, skips, limits and projects', async () => {
      const { data } = await db
        .collection('people')
        .where({ age: db.command.gte(20) })
        .orderBy('age', 'desc')
        .skip(1)
        .limit(2)
        .field({ name: true })
        .get();
      expect(data).toEqual([
        { _id: 'p3', name: 'Chen' },
        { _id: 'p2', name: 'Bo' },
      ]);
    });

    it('counts matching documents', async () => {
      const { total } = await db.collection('people').where({ 'address.city': 'Beijing' }).count();
      expect(total).toBe(2);
    });

    it('updates and removes with where (multi)', async () => {
      const updated = await db
        .collection('people')
        .where({ age: db.command.lt(35) })
        .update({ data: { young: true } });
      expect(updated.stats).toEqual({ updated: 2 });
      const removed = await db.collection('people').where({ young: true }).remove();
      expect(removed.stats).toEqual({ removed: 2 });
      expect((await db.collection('people').count()).total).toBe(2);
    });

    it('throws -502001 for an invalid projection instead of crashing', async () => {
      const error = await rejectionOf(db.collection('people').field({ name: true, age: false }).get());
      expect(error.errCode).toBe(-502001);
    });
  });

  describe('hostile queries', () => {
    const gateway = () => `${env.emulator.url}/admin?env=${env.emulator.envId}&seqId=1`;

    it('stops a catastrophic regular expression at its time limit, and other requests go on meanwhile', async () => {
      await db.collection('people').add({ data: { _id: 'redos', s: `${'a'.repeat(27)}!` } });
      const started = Date.now();
      const query = rejectionOf(
        db
          .collection('people')
          .where({ s: db.RegExp({ regexp: '^(a+)+$' }) })
          .get(),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      const health = await fetch(`${env.emulator.url}/__emulator/health`);
      const healthAfterMs = Date.now() - started;
      const error = await query;
      expect(health.status).toBe(200);
      expect(healthAfterMs).toBeLessThan(1500);
      expect(error.errCode).toBe(-502001);
      expect(error.errMsg).toContain('time limit');
    });

    it.each([
      [
        '$function in $expr',
        '{"$expr":{"$function":{"body":"function(){return true}","args":[],"lang":"js"}}}',
      ],
      ['$where', '{"$where":"this.name == \'An\'"}'],
      ['$function nested in $or', '{"$or":[{"name":"An"},{"$expr":{"$function":{"body":"x","args":[]}}}]}'],
    ])('refuses %s with DATABASE_INVALID_OPERRATOR and logs nothing', async (_label, query) => {
      await seed();
      const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const response = await postJson(gateway(), {
          action: 'database.getDocument',
          collectionName: 'people',
          queryType: 'WHERE',
          query,
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({
          code: 'DATABASE_INVALID_OPERRATOR',
          message: expect.stringMatching(/operator \$(function|where) is not supported/),
        });
        expect(logged).not.toHaveBeenCalled();
      } finally {
        logged.mockRestore();
      }
    });

    it('refuses a query nested deeper than 64 levels with INVALID_PARAM', async () => {
      const deep = `${'{"a":'.repeat(200)}1${'}'.repeat(200)}`;
      const response = await postJson(gateway(), {
        action: 'database.getDocument',
        collectionName: 'people',
        queryType: 'WHERE',
        query: deep,
      });
      expect(await response.json()).toMatchObject({ code: 'INVALID_PARAM' });
    });
  });

  describe('limits', () => {
    it('returns at most 100 documents per get, also by default', async () => {
      const batch = Array.from({ length: 120 }, (_, i) => ({ i }));
      for (const data of batch) await db.collection('people').add({ data });
      expect((await db.collection('people').get()).data).toHaveLength(100);
      expect((await db.collection('people').limit(500).get()).data).toHaveLength(100);
      expect((await db.collection('people').skip(100).get()).data).toHaveLength(20);
      expect((await db.collection('people').count()).total).toBe(120);
    });
  });

  describe('unique indexes', () => {
    it('rejects a second (_openid, license.idNum) with the duplicate-key error, atomically', async () => {
      const created = await postJson(`${env.emulator.url}/__emulator/indexes`, {
        collection: 'people',
        fields: ['_openid', 'license.idNum'],
        unique: true,
      });
      expect(created.status).toBe(201);
      const licence = { idNum: '110101199003071234' };
      await db.collection('people').add({ data: { _openid: 'o1', license: licence } });
      await db.collection('people').add({ data: { _openid: 'o2', license: licence } });

      const error = await rejectionOf(
        db.collection('people').add({ data: { _openid: 'o1', license: licence } }),
      );
      expect(error.errCode).toBe(-502001);
      expect(error.errMsg).toContain('E11000 duplicate key');
      expect(error.errMsg).not.toContain('110101199003071234'); // personal data is masked
      expect((await db.collection('people').count()).total).toBe(2);
    });

    it('rejects an update that would collide and leaves the document unchanged', async () => {
      await postJson(`${env.emulator.url}/__emulator/indexes`, {
        collection: 'people',
        fields: ['code'],
        unique: true,
      });
      await db.collection('people').add({ data: { _id: 'x', code: 'A' } });
      await db.collection('people').add({ data: { _id: 'y', code: 'B' } });
      const error = await rejectionOf(
        db
          .collection('people')
          .doc('y')
          .update({ data: { code: 'A' } }),
      );
      expect(error.errCode).toBe(-502001);
      expect((await db.collection('people').doc('y').get()).data.code).toBe('B');
    });

    it('answers 409 when existing documents already violate a new index', async () => {
      await db.collection('people').add({ data: { code: 'same' } });
      await db.collection('people').add({ data: { code: 'same' } });
      const response = await postJson(`${env.emulator.url}/__emulator/indexes`, {
        collection: 'people',
        fields: ['code'],
        unique: true,
        name: 'code_unique',
      });
      expect(response.status).toBe(409);
    });
  });

  describe('faults', () => {
    it('fails a database action with the injected CloudBase error once', async () => {
      await db.collection('people').add({ data: { _id: 'f1', a: 1 } });
      await postJson(`${env.emulator.url}/__emulator/faults`, {
        api: 'database.modifyDocument',
        error: 'DATABASE_REQUEST_FAILED',
        times: 1,
      });
      const error = await rejectionOf(
        db
          .collection('people')
          .doc('f1')
          .update({ data: { a: 2 } }),
      );
      expect(error.errCode).toBe(-502001);
      await db
        .collection('people')
        .doc('f1')
        .update({ data: { a: 3 } });
      expect((await db.collection('people').doc('f1').get()).data.a).toBe(3);
    });
  });
});
