/**
 * Reads database/ (security rules and indexes per collection) and checks its shape, so that what
 * the docs tell people to paste into the console is what the repository holds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from '../lib/commandLine';

export const DATABASE_DIR = path.resolve(__dirname, '..', '..', 'database');

export type RuleValue = boolean | string;
export type SecurityRule = Record<string, RuleValue>;

export interface IndexSpec {
  IndexName: string;
  MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: { Name: string; Direction: '1' | '-1' }[] };
}

export interface CollectionSetup {
  collection: string;
  rule: SecurityRule;
  indexes: IndexSpec[];
}

const RULE_KEYS = new Set(['read', 'write', 'create', 'update', 'delete']);

export function readDatabaseSetup(dir: string = DATABASE_DIR): CollectionSetup[] {
  const rulesDir = path.join(dir, 'security-rules');
  const indexesDir = path.join(dir, 'indexes');
  const collections = readdirSync(rulesDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
  const withIndexes = new Set(readdirSync(indexesDir).map((file) => file.replace(/\.json$/, '')));
  return collections.map((collection) => ({
    collection,
    rule: parseRule(collection, readJson(path.join(rulesDir, `${collection}.json`))),
    indexes: withIndexes.has(collection)
      ? parseIndexes(collection, readJson(path.join(indexesDir, `${collection}.json`)))
      : [],
  }));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

function parseRule(collection: string, value: unknown): SecurityRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`security rule of ${collection} must be a JSON object`);
  }
  for (const [key, rule] of Object.entries(value)) {
    if (!RULE_KEYS.has(key)) throw new Error(`security rule of ${collection}: unknown operation ${key}`);
    if (typeof rule !== 'boolean' && typeof rule !== 'string') {
      throw new Error(`security rule of ${collection}: ${key} must be true, false or an expression`);
    }
  }
  return value as SecurityRule;
}

function parseIndexes(collection: string, value: unknown): IndexSpec[] {
  if (!Array.isArray(value)) throw new Error(`indexes of ${collection} must be a JSON array`);
  return value.map((index: unknown, at) => {
    const spec = index as Partial<IndexSpec> | null;
    const keys = spec?.MgoKeySchema?.MgoIndexKeys;
    const valid =
      typeof spec?.IndexName === 'string' &&
      typeof spec.MgoKeySchema?.MgoIsUnique === 'boolean' &&
      Array.isArray(keys) &&
      keys.length > 0 &&
      keys.every((key) => typeof key?.Name === 'string' && (key.Direction === '1' || key.Direction === '-1'));
    if (!valid)
      throw new Error(
        `indexes of ${collection}[${at}] must be {IndexName, MgoKeySchema: {MgoIsUnique, MgoIndexKeys}}`,
      );
    return spec as IndexSpec;
  });
}

/** The console steps, with the exact values to paste. */
export function describeSetup(setups: readonly CollectionSetup[]): string {
  const lines = [
    'In WeChat DevTools: 云开发 -> 数据库 (or the CloudBase console: 文档型数据库 -> 集合管理):',
  ];
  for (const { collection, rule, indexes } of setups) {
    lines.push('', `collection ${collection}: create it if missing (+ 添加集合)`);
    lines.push(`  权限设置 -> 自定义安全规则, paste:\n    ${JSON.stringify(rule)}`);
    for (const index of indexes) {
      const keys = index.MgoKeySchema.MgoIndexKeys.map(
        (key) => `${key.Name} ${key.Direction === '1' ? '升序' : '降序'}`,
      );
      lines.push(
        `  索引管理 -> 添加索引: name ${index.IndexName}, ${index.MgoKeySchema.MgoIsUnique ? '唯一' : '非唯一'}, fields ${keys.join(', ')}`,
      );
    }
  }
  return lines.join('\n');
}

export const DATABASE_SETUP_COMMAND = {
  command: 'npx tsx scripts/deploy/databaseSetup.ts',
  usage: '',
  summary:
    "Prints the console steps for each collection's security rule and indexes, from the files in database/.",
  options: {},
  examples: ['npx tsx scripts/deploy/databaseSetup.ts'],
} as const;

if (require.main === module) {
  void runCommand(DATABASE_SETUP_COMMAND, async () => {
    console.log(describeSetup(readDatabaseSetup()));
    return 0;
  });
}
