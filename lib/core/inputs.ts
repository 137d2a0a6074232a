// Runtime checks of the props that TypeScript checks at compile time: JavaScript and the other jsii
// languages can pass anything, and a wrong kind of value must fail with the library's error (the
// construct, the value, what is accepted), not with a TypeError from deep inside.
import { IConstruct } from 'constructs';
import { AksNetworkError } from './errors';

/** A value as messages show it. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return 'an array';
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'a plain object';
}

/** `value` (when given) is one of the enum's values. */
export function checkEnum(
  scope: IConstruct,
  prop: string,
  value: unknown,
  enumObject: Record<string, string>,
  enumName: string,
): void {
  if (value === undefined) return;
  const values = Object.values(enumObject);
  if (!values.includes(value as string)) {
    throw new AksNetworkError(
      `${prop} is ${describeValue(value)}, not a ${enumName}`,
      `use one of ${Object.keys(enumObject)
        .map((k) => `${enumName}.${k}`)
        .join(', ')}`,
      scope,
    );
  }
}

/** Every item of `values` (when given) is one of the enum's values. */
export function checkEnumList(
  scope: IConstruct,
  prop: string,
  values: unknown,
  enumObject: Record<string, string>,
  enumName: string,
): void {
  if (values === undefined) return;
  if (!Array.isArray(values)) {
    throw new AksNetworkError(
      `${prop} is ${describeValue(values)}, not a list`,
      `give a list of ${enumName} values`,
      scope,
    );
  }
  values.forEach((v, i) => checkEnum(scope, `${prop}[${i}]`, v, enumObject, enumName));
}

/** `value` (when given) was made by the class's factories, e.g. `NetworkModel.cilium()`. */
export function checkInstance(
  scope: IConstruct,
  prop: string,
  value: unknown,
  cls: { readonly prototype: object; readonly name: string },
  accepted: string,
): void {
  if (
    value === undefined ||
    (typeof value === 'object' && value !== null && Object.prototype.isPrototypeOf.call(cls.prototype, value))
  ) {
    return;
  }
  throw new AksNetworkError(
    `${prop} is ${describeValue(value)}, not a ${cls.name}`,
    `use ${accepted}`,
    scope,
  );
}

/** `value` (when given) has the members an interface needs (objects passed by reference). */
export function checkShape(
  scope: IConstruct,
  prop: string,
  value: unknown,
  members: string[],
  accepted: string,
): void {
  if (value === undefined) return;
  const missing = members.filter((m) => typeof value !== 'object' || value === null || !(m in value));
  if (missing.length > 0) {
    throw new AksNetworkError(
      `${prop} is ${describeValue(value)}, which has no ${missing.join(', ')}`,
      `pass ${accepted}`,
      scope,
    );
  }
}

/** `value` (when given) is a string. */
export function checkString(scope: IConstruct, prop: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'string') {
    throw new AksNetworkError(
      `${prop} is ${describeValue(value)}, not a string`,
      `give ${prop} as text`,
      scope,
    );
  }
}

/** `value` (when given) is a boolean. */
export function checkBoolean(scope: IConstruct, prop: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new AksNetworkError(
      `${prop} is ${describeValue(value)}, not a boolean`,
      `give ${prop} as true or false`,
      scope,
    );
  }
}
