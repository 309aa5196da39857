import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ApiId } from '../../tmf/apis.ts';
import { AJV_OPTIONS } from '../../core/ajv-options.ts';

/**
 * ajv-formats is CommonJS with `exports.default`; under NodeNext TypeScript types the default import as
 * the module object, while at run time Node hands over the plugin function itself. Accept both.
 */
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** The parts of a Swagger 2.0 document the checker reads. */
export interface SwaggerDocument {
  readonly swagger: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly basePath?: string;
  readonly paths: Readonly<Record<string, Readonly<Record<string, SwaggerOperation>>>>;
  readonly definitions: Readonly<Record<string, object>>;
}

/** One operation of a Swagger 2.0 path item (only what the checker reads). */
export interface SwaggerOperation {
  readonly parameters?: readonly { readonly in?: string; readonly schema?: SwaggerSchemaRef }[];
  readonly responses?: Readonly<Record<string, { readonly schema?: SwaggerSchemaRef }>>;
}

/** A body schema in an operation: a `$ref` to a definition, or an array of them. */
export interface SwaggerSchemaRef {
  readonly $ref?: string;
  readonly type?: string;
  readonly items?: { readonly $ref?: string };
}

/** One official specification file, loaded and compiled, standing for one harness API. */
export interface OfficialSpec {
  readonly api: ApiId;
  /** File name inside the specs directory, e.g. `TMF622-ProductOrdering-v4.0.0.swagger.json`. */
  readonly file: string;
  /** `info.version` as the file states it, e.g. `4.0.0` or `2.0`. */
  readonly version: string;
  readonly document: SwaggerDocument;
  /** One validator per entry of `definitions`, keyed by definition name. */
  readonly validators: DefinitionValidators;
}

/**
 * The validators of a file's definitions, each compiled on its first use: a run checks against a few dozen
 * of a file's definitions, and compiling all of them cost about 0.7 s of CPU per process that loaded the
 * files. test/official-specs.test.ts compiles every one, so a definition that does not compile still
 * fails the suite.
 */
export interface DefinitionValidators {
  has(name: string): boolean;
  /** The definition's validator (compiled now if not yet), or undefined if the file has no such definition. */
  get(name: string): ValidateFunction | undefined;
  readonly names: readonly string[];
}

/** Formats that ajv-formats knows; any other format named by an official file is accepted unchecked. */
const KNOWN_FORMATS = new Set([
  'date',
  'time',
  'date-time',
  'iso-time',
  'iso-date-time',
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'json-pointer-uri-fragment',
  'relative-json-pointer',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'binary',
]);

/** Every `format` value used anywhere in the definitions. */
function formatsUsed(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) formatsUsed(n, found);
  else if (node && typeof node === 'object') {
    const format = (node as { format?: unknown }).format;
    if (typeof format === 'string') found.add(format);
    for (const n of Object.values(node)) formatsUsed(n, found);
  }
  return found;
}

/**
 * The definitions of an official Swagger 2.0 file, each compiled on its first use. The definitions are
 * registered as one schema under a private id, so a definition's `#/definitions/X` refs resolve inside
 * its own file and two files' `Money` or `RelatedParty` never meet.
 */
export function compileOfficialSpec(api: ApiId, file: string, document: SwaggerDocument): OfficialSpec {
  // strict: false because official files carry Swagger-only keywords (discriminator as a string,
  // example, x-*) that are not JSON Schema; allErrors so a payload's every divergence is reported.
  const ajv = new Ajv(AJV_OPTIONS);
  addFormats(ajv);
  for (const format of formatsUsed(document.definitions)) {
    if (!KNOWN_FORMATS.has(format)) ajv.addFormat(format, true);
  }
  const id = `urn:official-spec:${encodeURIComponent(file)}`;
  ajv.addSchema({ $id: id, definitions: document.definitions });
  const names = Object.keys(document.definitions);
  const known = new Set(names);
  const compiled = new Map<string, ValidateFunction>();
  const validators: DefinitionValidators = {
    names,
    has: (name) => known.has(name),
    get(name) {
      if (!known.has(name)) return undefined;
      let validate = compiled.get(name);
      if (!validate) {
        validate = ajv.getSchema(`${id}#/definitions/${encodeURIComponent(name)}`);
        if (!validate) throw new Error(`${file}: definition ${name} did not compile`);
        compiled.set(name, validate);
      }
      return validate;
    },
  };
  return { api, file, version: document.info.version, document, validators };
}
