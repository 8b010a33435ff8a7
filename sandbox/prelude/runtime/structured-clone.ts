/**
 * structuredClone: the HTML structured clone algorithm for the types plain V8 has. Cycles and
 * shared references are preserved; functions, symbols, class-ness, getters' identity and platform
 * objects (Request, Response, Headers) are not cloneable, as in browsers.
 */
import { domError } from "./dom-exception.ts";

const toStringTag = (value: object): string => Object.prototype.toString.call(value);
const getTime = Date.prototype.getTime;
const regExpSource = Object.getOwnPropertyDescriptor(RegExp.prototype, "source")!.get!;
const regExpFlags = Object.getOwnPropertyDescriptor(RegExp.prototype, "flags")!.get!;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size")!.get!;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, "size")!.get!;
const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength")!.get!;
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const ERROR_TYPES: Record<string, ErrorConstructor> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

function has(brandCheck: (this: unknown) => unknown, value: unknown): boolean {
  try {
    brandCheck.call(value);
    return true;
  } catch {
    return false;
  }
}

export function createStructuredClone(
  platformObjects: WeakSet<object>,
): (value: unknown, options?: unknown) => unknown {
  return function structuredClone(value: unknown, options?: unknown): unknown {
    if (arguments.length === 0) throw new TypeError("structuredClone: 1 argument required");
    if (options !== undefined && options !== null && (options as { transfer?: unknown[] }).transfer?.length) {
      throw domError("DataCloneError", "structuredClone: transfer is not supported in the sandbox");
    }
    const memory = new Map<object, unknown>();

    const clone = (input: unknown): unknown => {
      if (typeof input === "symbol") throw domError("DataCloneError", `${String(input)} could not be cloned`);
      if (typeof input === "function")
        throw domError("DataCloneError", `function ${input.name || "(anonymous)"} could not be cloned`);
      if (typeof input !== "object" || input === null) return input;
      if (memory.has(input)) return memory.get(input);
      if (platformObjects.has(input)) {
        throw domError("DataCloneError", `${toStringTag(input).slice(8, -1)} object could not be cloned`);
      }
      const remember = <T>(output: T): T => {
        memory.set(input, output);
        return output;
      };
      if (has(getTime, input)) return remember(new Date(getTime.call(input)));
      if (has(regExpSource, input) && input !== RegExp.prototype) {
        return remember(new RegExp(regExpSource.call(input) as string, regExpFlags.call(input) as string));
      }
      if (has(arrayBufferByteLength, input)) return remember((input as ArrayBuffer).slice(0));
      if (ArrayBuffer.isView(input)) {
        const buffer = clone(input.buffer) as ArrayBuffer;
        const Type = input.constructor as new (
          buffer: ArrayBuffer,
          offset: number,
          length: number,
        ) => ArrayBufferView;
        const length =
          input instanceof DataView ? input.byteLength : (input as unknown as { length: number }).length;
        return remember(new Type(buffer, input.byteOffset, length));
      }
      if (has(mapSize, input)) {
        const output = remember(new Map());
        for (const [k, v] of mapEntries.call(input as Map<unknown, unknown>)) output.set(clone(k), clone(v));
        return output;
      }
      if (has(setSize, input)) {
        const output = remember(new Set());
        for (const v of setValues.call(input as Set<unknown>)) output.add(clone(v));
        return output;
      }
      const tag = toStringTag(input);
      if (tag === "[object Error]") {
        const error = input as Error;
        const name = String(error.name);
        const Type = Object.prototype.hasOwnProperty.call(ERROR_TYPES, name) ? ERROR_TYPES[name]! : Error;
        const output = remember(new Type(String(error.message)));
        if (typeof error.stack === "string") output.stack = error.stack;
        if ("cause" in error) output.cause = clone(error.cause);
        return output;
      }
      if (tag === "[object Boolean]") return remember(Object(Boolean.prototype.valueOf.call(input)));
      if (tag === "[object Number]") return remember(Object(Number.prototype.valueOf.call(input)));
      if (tag === "[object String]") return remember(Object(String.prototype.valueOf.call(input)));
      if (tag === "[object BigInt]") return remember(Object(BigInt.prototype.valueOf.call(input)));
      if (Array.isArray(input)) {
        const output = remember(new Array(input.length));
        for (const key of Object.keys(input))
          (output as unknown as Record<string, unknown>)[key] = clone(
            (input as unknown as Record<string, unknown>)[key],
          );
        return output;
      }
      if (tag !== "[object Object]" && tag !== "[object Arguments]") {
        throw domError("DataCloneError", `${tag.slice(8, -1)} object could not be cloned`);
      }
      const output = remember({} as Record<string, unknown>);
      for (const key of Object.keys(input)) output[key] = clone((input as Record<string, unknown>)[key]);
      return output;
    };

    return clone(value);
  };
}
