import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APIS, type ApiId } from '../../tmf/apis.ts';
import { compileOfficialSpec, type OfficialSpec, type SwaggerDocument } from './official-spec.ts';

/** The environment variable naming the directory of official spec files. */
export const SPECS_DIR_ENV = 'TMF_SPECS_DIR';

/** Where the official files are when `TMF_SPECS_DIR` is not set: `../shared/tmf-specs` from the repo root. */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_SPECS_DIR = '../shared/tmf-specs';

/** A file of the directory that was not used, and why. */
export interface SkippedSpecFile {
  readonly file: string;
  readonly reason: string;
}

/** The official specification files found in a directory, one per harness API they cover. */
export interface OfficialSpecs {
  readonly dir: string;
  readonly byApi: ReadonlyMap<ApiId, OfficialSpec>;
  readonly skipped: readonly SkippedSpecFile[];
}

export interface LoadOptions {
  /**
   * Which `info.version` to use for an API when the directory holds several files for it, e.g.
   * `{ TMF620: '4.1.0' }`. Without it the lowest version wins, which is the 4.0.0 the harness speaks.
   */
  readonly versions?: Partial<Record<ApiId, string>>;
}

/** The specs directory: `TMF_SPECS_DIR` if set (relative values against the repo root), else the default. */
export function specsDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(REPO_ROOT, env[SPECS_DIR_ENV] || DEFAULT_SPECS_DIR);
}

/**
 * Official files name two APIs differently from the harness's paths: TMF632 v4.0.0 declares
 * `/tmf-api/party/v4` and TMF676 v4.0.0 declares `/payment/v4`.
 */
const OFFICIAL_NAME_ALIASES: Readonly<Record<string, string>> = { party: 'partyManagement', payment: 'paymentManagement' };

/** The harness API a file's `basePath` stands for: its last two segments are `<apiName>/v<major>`. */
function apiOfBasePath(basePath: string | undefined): ApiId | undefined {
  const segments = (basePath ?? '').split('/').filter(Boolean);
  const [name, version] = segments.slice(-2);
  if (!name || !version) return undefined;
  const harnessName = OFFICIAL_NAME_ALIASES[name] ?? name;
  return APIS.find((a) => a.name === harnessName && a.version === version)?.id;
}

/** `4.0` → [4, 0, 0], so `4.0` and `4.0.0` compare equal. */
function versionParts(version: string): number[] {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10) || 0);
  while (parts.length < 3) parts.push(0);
  return parts;
}

function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

interface Candidate {
  readonly api: ApiId;
  readonly file: string;
  readonly document: SwaggerDocument;
}

function readSwagger(dir: string, file: string): SwaggerDocument {
  try {
    return JSON.parse(readFileSync(join(dir, file), 'utf8')) as SwaggerDocument;
  } catch (err) {
    throw new Error(`official spec ${join(dir, file)} is not readable JSON: ${(err as Error).message}`);
  }
}

function assertDirectory(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`official TM Forum spec directory not found: ${dir} — set ${SPECS_DIR_ENV} to a directory holding the official *.swagger.json files`);
  }
}

/** Picks the file to use among several for one API: the requested version, else the lowest. */
function choose(api: ApiId, candidates: readonly Candidate[], wanted: string | undefined): Candidate {
  if (wanted === undefined) return [...candidates].sort((a, b) => compareVersions(a.document.info.version, b.document.info.version))[0];
  const match = candidates.find((c) => compareVersions(c.document.info.version, wanted) === 0);
  if (!match) {
    const have = candidates.map((c) => `${c.file} (${c.document.info.version})`).join(', ');
    throw new Error(`no official file for ${api} has version ${wanted}; found ${have}`);
  }
  return match;
}

/**
 * Reads every `*.swagger.json` in `dir`, keeps those standing for an API the harness speaks (one per
 * API, see {@link LoadOptions.versions}) and compiles their definitions. OpenAPI 3 files are v5, which
 * the harness does not speak, so they are listed as skipped.
 */
export function loadOfficialSpecs(dir: string, options: LoadOptions = {}): OfficialSpecs {
  assertDirectory(dir);
  const skipped: SkippedSpecFile[] = [];
  const candidates = new Map<ApiId, Candidate[]>();
  for (const file of readdirSync(dir).sort()) {
    if (/\.oas\.ya?ml$/.test(file)) {
      skipped.push({ file, reason: 'OpenAPI 3 (v5) file; the harness speaks v4 and v2' });
      continue;
    }
    if (!file.endsWith('.swagger.json')) continue;
    const document = readSwagger(dir, file);
    const api = document.swagger === '2.0' ? apiOfBasePath(document.basePath) : undefined;
    if (!api) {
      skipped.push({ file, reason: `not an API the harness speaks (basePath ${document.basePath ?? 'missing'})` });
      continue;
    }
    candidates.set(api, [...(candidates.get(api) ?? []), { api, file, document }]);
  }
  if (candidates.size === 0) {
    throw new Error(`${dir} holds no official *.swagger.json file for an API the harness speaks (set ${SPECS_DIR_ENV} to another directory)`);
  }
  const byApi = new Map<ApiId, OfficialSpec>();
  for (const [api, list] of candidates) {
    const chosen = choose(api, list, options.versions?.[api]);
    for (const other of list) {
      if (other !== chosen) skipped.push({ file: other.file, reason: `${api} uses ${chosen.file} (${chosen.document.info.version})` });
    }
    byApi.set(api, compileOfficialSpec(api, chosen.file, chosen.document));
  }
  return { dir, byApi, skipped };
}
