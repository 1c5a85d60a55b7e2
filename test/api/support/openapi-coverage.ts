import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import {
  IS_PUBLIC,
  LOGIN_ROUTE,
  OPEN_TO_EVERY_SESSION,
  REQUIRED_ROLES,
} from '../../../apps/api/src/auth/auth.decorators';
import type { HttpRecorder, Observation } from './http-recorder';

/** `GET /api/v1/units/{code}`: OpenAPI path syntax. */
export type RouteKey = string;

export interface RouteFacts {
  key: RouteKey;
  isPublic: boolean;
  /** Open to every signed-in session, a task link's too: no 403. */
  openToEverySession: boolean;
  hasRoles: boolean;
  validatesInput: boolean;
  isLogin: boolean;
  isWrite: boolean;
}

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Object, Array, undefined]);

/** What the guards and pipes make a route able to answer, read from its decorators (not from the docs). */
export function routeFacts(controllers: (new (...args: never[]) => unknown)[]): RouteFacts[] {
  const facts: RouteFacts[] = [];
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const classPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
    const classRoles = Reflect.getMetadata(REQUIRED_ROLES, controller) as unknown[] | undefined;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      const path = `/${[base, sub].filter((p) => p && p !== '/').join('/')}`
        .replace(/\/+/g, '/')
        .replace(/:(\w+)/g, '{$1}');
      const verb = RequestMethod[method];
      const paramTypes =
        (Reflect.getMetadata('design:paramtypes', controller.prototype, name) as unknown[] | undefined) ?? [];
      const roles = (Reflect.getMetadata(REQUIRED_ROLES, handler) as unknown[] | undefined) ?? classRoles;
      const isLogin = Reflect.getMetadata(LOGIN_ROUTE, handler) === true;
      facts.push({
        key: `${verb} ${path === '/' ? '/' : path.replace(/\/$/, '')}`,
        isPublic: classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true,
        openToEverySession: Reflect.getMetadata(OPEN_TO_EVERY_SESSION, handler) === true,
        hasRoles: (roles?.length ?? 0) > 0,
        validatesInput: paramTypes.some((t) => !PRIMITIVES.has(t)),
        isLogin,
        isWrite: verb !== 'GET',
      });
    }
  }
  return facts;
}

/** Every route of the running Express app (Nest mounts each handler as a route), in OpenAPI syntax. */
export function expressRoutes(expressApp: {
  router?: { stack: unknown[] };
  _router?: { stack: unknown[] };
}): RouteKey[] {
  const stack = (expressApp.router ?? expressApp._router)?.stack ?? [];
  const keys: RouteKey[] = [];
  for (const layer of stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all')
        keys.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return keys;
}

/** The OpenAPI route whose template matches a concrete request path. */
export function matchRoute(documented: RouteKey[], method: string, path: string): RouteKey | undefined {
  return documented.find((key) => {
    const [verb, template] = key.split(' ');
    if (verb !== method) return false;
    const segments = template
      .split('/')
      .map((segment) =>
        /^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'),
      );
    const pattern = new RegExp(`^${segments.join('/')}$`);
    return pattern.test(path);
  });
}

/** The documented response codes of every route of the served OpenAPI document. */
export async function documentedCodes(baseUrl: string): Promise<Map<RouteKey, number[]>> {
  const doc = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };
  const documented = new Map<RouteKey, number[]>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations))
      documented.set(`${method.toUpperCase()} ${path}`, Object.keys(operation.responses).map(Number).sort());
  }
  return documented;
}

/** Every (route, status) a suite received that its route does not document; [] when all are. */
export async function undocumentedAnswers(
  http: HttpRecorder,
): Promise<(Observation & { route?: RouteKey })[]> {
  // Nothing observed would compare nothing (a test run alone with -t, before the requests it needs).
  if (http.observed.length === 0)
    throw new Error('no answers were observed to check against the OpenAPI document');
  const documented = await documentedCodes(http.baseUrl);
  const keys = [...documented.keys()];
  return http.observed
    .filter((o) => o.method !== 'OPTIONS')
    .map((o) => ({ ...o, route: matchRoute(keys, o.method, o.path) }))
    .filter((o) => !o.route || !documented.get(o.route)!.includes(o.status));
}
