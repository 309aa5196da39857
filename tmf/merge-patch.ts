import { isRecord } from '../core/plain-data.ts';

/** RFC 7396 JSON merge patch: null removes, objects merge, everything else replaces. */
export function mergePatch<T>(target: T, patch: unknown): T {
  if (!isRecord(patch)) return patch as T;
  const base: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base as T;
}

/**
 * What a merge patch sets, to be held to an update schema: the patch without the members it removes (an
 * object member set to null, at any depth outside arrays, RFC 7396). A removal is no value of the
 * attribute's type, and `{ "validFor": { "endDateTime": null } }` is a patch the standard allows. With
 * `keepTopLevel`, the top level's nulls stay for the schema to judge (the project's update schemas let
 * an optional attribute be nulled, and no required one). Null inside an array is a value, and stays.
 * The same patch comes back when it removes nothing below what is kept.
 */
export function patchContent(patch: unknown, keepTopLevel: boolean): unknown {
  if (!isRecord(patch)) return patch;
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(patch)) {
    const kept = value === null ? (keepTopLevel ? null : undefined) : patchContent(value, false);
    if (kept === value) continue;
    copy ??= { ...patch };
    if (kept === undefined) delete copy[key];
    else copy[key] = kept;
  }
  return copy ?? patch;
}
