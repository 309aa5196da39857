/**
 * A party's control API, generated from its declared operations (control-contract.ts): each route gets
 * the caller check and the body check its declaration states, before its handler runs, so a refused
 * call changes nothing. The same declarations make the OpenAPI document; nothing else mounts a control route.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { callerOf, harnessOnly } from '../../tmf/auth.ts';
import { badRequest, forbidden } from '../../tmf/errors.ts';
import { validateBody } from '../../tmf/validation.ts';
import type { ControlCaller, ControlOperation } from './control-contract.ts';
import { AJV_OPTIONS } from '../../core/ajv-options.ts';

/** A declared operation with what the party does when it is called. */
export interface ControlRoute extends ControlOperation {
  readonly handle: (req: Request, res: Response) => unknown;
}

/** Binds a declaration to its handler: the one place a control route is written. */
export const controlRoute = (operation: ControlOperation, handle: ControlRoute['handle']): ControlRoute => ({ ...operation, handle });

let ajv: Ajv | undefined;

/** Compiles an inline body schema with the formats the project's schemas use. */
function compile(schema: object): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv(AJV_OPTIONS);
    formats.default(ajv);
  }
  return ajv.compile(schema);
}

/** The body check of one operation: a 400 SCHEMA_VIOLATION naming each failing path and rule. */
function bodyCheck(operation: ControlOperation): RequestHandler | undefined {
  const { body } = operation;
  if (body === undefined) return undefined;
  const label = `${operation.method.toUpperCase()} ${operation.path}`;
  if (typeof body === 'string') return (req, _res, next) => next(validate(() => validateBody(body, bodyOf(req))));
  const check = compile(body);
  return (req, _res, next) => {
    if (check(bodyOf(req))) return next();
    const issues = (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message ?? ''}`).join('; ');
    next(badRequest('Invalid body', `The body of ${label} does not follow its schema: ${issues}`, 'SCHEMA_VIOLATION'));
  };
}

/** The body to check: none at all counts as `{}`; anything sent (even `null`) is checked as sent. */
const bodyOf = (req: Request): unknown => (req.body === undefined ? {} : req.body);

const validate = (check: () => void): unknown => {
  try {
    check();
    return undefined;
  } catch (error) {
    return error;
  }
};

/** The caller check of one operation. */
function callerCheck(caller: ControlCaller): RequestHandler | undefined {
  if (caller === 'anyone') return undefined;
  if (caller === 'harness') return harnessOnly;
  return (_req, res, next) => next(caller.parties.includes(callerOf(res).party) ? undefined : forbidden(caller.refusal));
}

/** The router of a party's control API, mounted at `/control`; two declarations of one route are a programming error. */
export function controlRouter(routes: readonly ControlRoute[]): Router {
  const router = Router();
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`control route ${key} is declared twice`);
    seen.add(key);
    const checks = [callerCheck(route.caller), bodyCheck(route)].filter((c): c is RequestHandler => c !== undefined);
    router[route.method](route.path.slice('/control'.length), ...checks, async (req, res) => {
      await route.handle(req, res);
    });
  }
  return router;
}
