// Exercise extensions that run INSIDE each isolate, between the prelude and the harness (read as text
// by run-code.ts, like runtime.js). They add two modules:
//
//   "serverside:db"   for learner code and tests: a better-sqlite3-shaped `db` whose statements run
//                     on the host's SQLite (sandbox/db/session.ts), fresh and seeded for each test;
//   "serverside:test" for TEST FILES ONLY (the harness refuses it to learner code): the database
//                     seen from outside (uncounted queries, the learner's query log, other seeds),
//                     call counters on sandbox APIs (crypto.timingSafeEqual was used), measure()
//                     (real time, to bound work against the reference solution in the same run),
//                     and `network`, the script behind fetch() (prelude runtime/network.ts).
//
// Why this design (the bridge): sql.js lives in the worker process, learner code in the isolate. The
// host hands the context ONE function (an isolated-vm Callback, set on the global object before the
// boot script) that takes an operation name and a JSON string and returns a JSON string. This file
// reads it and deletes it from the global object before any learner code exists, and keeps it in
// this closure, which learner code cannot reach: it sees only the frozen wrapper objects below,
// which send fixed operation names ("db.query" from serverside:db, "test.*" from serverside:test)
// and only primitive strings. So learner code can neither call the host directly, nor send a test
// operation (reset the query log, run uncounted queries), nor hand the host an object to call back.
// Every request is parsed and bounded on the host. Counters live in this closure too (a call into
// the host per counted call would cost ~12 us for nothing the closure does not already protect).
(function installExtensions(internal) {
  "use strict";
  const G = globalThis;
  const HOST_KEY = "__serverside_host__";
  const hostDescriptor = Object.getOwnPropertyDescriptor(G, HOST_KEY);
  const host = hostDescriptor && typeof hostDescriptor.value === "function" ? hostDescriptor.value : undefined;
  if (hostDescriptor) delete G[HOST_KEY];

  const ReflectApply = Reflect.apply;
  const ReflectOwnKeys = Reflect.ownKeys;
  const ReflectGetPrototypeOf = Reflect.getPrototypeOf;
  const ObjectFreeze = Object.freeze;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectPrototype = Object.prototype;
  const ArrayIsArray = Array.isArray;
  const NumberIsSafeInteger = Number.isSafeInteger;
  const NumberCtor = Number;
  const StringCtor = String;
  const JSONStringify = JSON.stringify;
  const JSONParse = JSON.parse;
  const CapturedError = Error;
  const CapturedTypeError = TypeError;
  const CapturedRangeError = RangeError;
  const CapturedUint8Array = Uint8Array;
  const TypedArrayPrototype = ReflectGetPrototypeOf(Uint8Array.prototype);
  const TypedArrayTag = /** @type {CapturedGetter<string | undefined>} */ (/** @type {PropertyDescriptor} */ (ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag)).get);
  const TypedArrayLength = /** @type {CapturedGetter<number>} */ (/** @type {PropertyDescriptor} */ (ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "length")).get);
  const StringPrototypeCharCodeAt = String.prototype.charCodeAt;
  const StringPrototypeSlice = String.prototype.slice;
  const MathFloor = Math.floor;
  const ArrayPrototypeSort = Array.prototype.sort;

  function newList() {
    const list = [];
    Object.setPrototypeOf(list, null);
    return list;
  }
  function push(list, value) {
    list[list.length] = value;
  }
  /** A real array (learners and tests get ordinary arrays) filled without calling any setter. */
  function toArray(list) {
    const out = [];
    for (let i = 0; i < list.length; i++) ObjectDefineProperty(out, i, { __proto__: null, value: list[i], writable: true, enumerable: true, configurable: true });
    return out;
  }
  function setField(obj, key, value) {
    ObjectDefineProperty(obj, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
  }
  function isUint8Array(v) {
    try {
      return ReflectApply(TypedArrayTag, v, []) === "Uint8Array";
    } catch {
      return false;
    }
  }
  const HEX = "0123456789abcdef";
  function toHex(bytes) {
    const n = ReflectApply(TypedArrayLength, bytes, []);
    let out = "";
    for (let i = 0; i < n; i++) out += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
    return out;
  }
  function fromHex(hex) {
    const out = new CapturedUint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) {
      const hi = ReflectApply(StringPrototypeCharCodeAt, hex, [2 * i]);
      const lo = ReflectApply(StringPrototypeCharCodeAt, hex, [2 * i + 1]);
      out[i] = (((hi > 57 ? hi - 87 : hi - 48) << 4) | (lo > 57 ? lo - 87 : lo - 48)) & 255;
    }
    return out;
  }

  // ---- errors ----------------------------------------------------------------------------------
  /** What database failures throw, as better-sqlite3 does: message plus a `code` such as SQLITE_CONSTRAINT_UNIQUE. */
  class SqliteError extends CapturedError {
    constructor(message, code) {
      super(message);
      ObjectDefineProperty(this, "name", { __proto__: null, value: "SqliteError", writable: true, configurable: true });
      ObjectDefineProperty(this, "code", { __proto__: null, value: code, writable: true, enumerable: true, configurable: true });
    }
  }
  ObjectFreeze(SqliteError.prototype);
  ObjectFreeze(SqliteError);

  function callHost(op, payload) {
    if (host === undefined) throw new CapturedError("This sandbox has no host bridge.");
    const text = ReflectApply(host, undefined, [op, payload]);
    if (typeof text !== "string") throw new CapturedError("The host bridge answered with a non-string.");
    const reply = ReflectApply(JSONParse, undefined, [text]);
    if (reply === null || typeof reply !== "object") throw new CapturedError("The host bridge answered badly.");
    if (reply.ok !== true) throw new SqliteError(StringCtor(reply.message), StringCtor(reply.code));
    return reply;
  }

  // ---- values across the bridge ------------------------------------------------------------------
  function encodeParam(v) {
    if (v === null || typeof v === "string") return v;
    if (typeof v === "number") return v;
    if (typeof v === "bigint") {
      const n = NumberCtor(v);
      if (!NumberIsSafeInteger(n)) throw new CapturedRangeError("This bigint is too large to bind (beyond Number.MAX_SAFE_INTEGER).");
      return n;
    }
    if (isUint8Array(v)) return { __proto__: null, $blob: toHex(v) };
    const what = v === undefined ? "undefined" : typeof v === "boolean" ? "a boolean (use 1 or 0)" : typeof v === "object" ? "an object" : typeof v;
    throw new CapturedTypeError("SQLite can only bind numbers, strings, bigints, Uint8Arrays and null, not " + what + ".");
  }
  function isPlainObject(v) {
    if (v === null || typeof v !== "object" || ArrayIsArray(v) || isUint8Array(v)) return false;
    const proto = ReflectGetPrototypeOf(v);
    return proto === ObjectPrototype || proto === null;
  }
  /** better-sqlite3's binding forms: stmt.all(1, "a"), stmt.all([1, "a"]), stmt.all({ id: 1 }). */
  function encodeParams(args) {
    if (args.length === 1 && isPlainObject(args[0])) {
      const named = { __proto__: null };
      const keys = ReflectOwnKeys(args[0]);
      for (let i = 0; i < keys.length; i++) {
        if (typeof keys[i] !== "string") continue;
        named[keys[i]] = encodeParam(args[0][keys[i]]);
      }
      return named;
    }
    const list = args.length === 1 && ArrayIsArray(args[0]) ? args[0] : args;
    const out = newList();
    for (let i = 0; i < list.length; i++) push(out, encodeParam(list[i]));
    return out;
  }
  function decodeValue(v) {
    if (v !== null && typeof v === "object" && typeof v.$blob === "string") return fromHex(v.$blob);
    return v;
  }
  function rowObject(columns, values) {
    const row = {};
    for (let c = 0; c < columns.length; c++) setField(row, StringCtor(columns[c]), decodeValue(values[c]));
    return row;
  }
  function request(op, sql, mode, args) {
    if (typeof sql !== "string") throw new CapturedTypeError("The SQL must be a string.");
    const payload = ReflectApply(JSONStringify, undefined, [{ __proto__: null, sql, mode, params: encodeParams(args) }]);
    const reply = callHost(op, payload);
    if (mode === "run") {
      const info = {};
      setField(info, "changes", NumberCtor(reply.changes));
      setField(info, "lastInsertRowid", NumberCtor(reply.lastInsertRowid));
      return info;
    }
    if (mode === "exec") return undefined;
    const rows = newList();
    for (let i = 0; i < reply.rows.length; i++) push(rows, rowObject(reply.columns, reply.rows[i]));
    if (mode === "get") return rows.length === 0 ? undefined : rows[0];
    return toArray(rows);
  }

  // ---- serverside:db (learner code and tests) ---------------------------------------------------
  function makeStatement(sql) {
    if (typeof sql !== "string") throw new CapturedTypeError("db.prepare(sql) needs the SQL as a string.");
    const statement = {
      all(...args) {
        return request("db.query", sql, "all", args);
      },
      get(...args) {
        return request("db.query", sql, "get", args);
      },
      run(...args) {
        return request("db.query", sql, "run", args);
      },
    };
    setField(statement, "source", sql);
    ObjectFreeze(statement.all);
    ObjectFreeze(statement.get);
    ObjectFreeze(statement.run);
    return ObjectFreeze(statement);
  }
  const db = {
    /** A statement to run with parameters: .all(...params), .get(...params), .run(...params). */
    prepare(sql) {
      return makeStatement(sql);
    },
    /** Runs one or more statements without parameters (schema changes, BEGIN/COMMIT). */
    exec(sql) {
      if (typeof sql !== "string") throw new CapturedTypeError("db.exec(sql) needs the SQL as a string.");
      request("db.query", sql, "exec", newList());
      return db;
    },
    /** Wraps fn in BEGIN / COMMIT, rolling back when it throws (better-sqlite3's db.transaction). */
    transaction(fn) {
      if (typeof fn !== "function") throw new CapturedTypeError("db.transaction(fn) needs a function.");
      return ObjectFreeze(/** @this {unknown} */ function transaction(...args) {
        request("db.query", "BEGIN", "exec", newList());
        let result;
        try {
          result = ReflectApply(fn, this, args);
        } catch (error) {
          try {
            request("db.query", "ROLLBACK", "exec", newList());
          } catch {
            // the transaction may already be gone (SQLite rolls back on some errors itself)
          }
          throw error;
        }
        request("db.query", "COMMIT", "exec", newList());
        return result;
      });
    },
  };
  ObjectFreeze(db.prepare);
  ObjectFreeze(db.exec);
  ObjectFreeze(db.transaction);
  ObjectFreeze(db);
  const dbModule = ObjectFreeze({ __proto__: null, db, default: db, SqliteError });

  // ---- call counters (read by test code only) -----------------------------------------------------
  const MAX_RECORDED_CALLS = 100;
  const counted = { __proto__: null }; // name -> { count, calls }
  function recordArg(v) {
    if (v === null || typeof v === "number" || typeof v === "boolean" || typeof v === "undefined" || typeof v === "bigint") return v;
    if (typeof v === "string") return v.length > 10000 ? ReflectApply(StringPrototypeSlice, v, [0, 10000]) : v;
    if (isUint8Array(v)) {
      const n = ReflectApply(TypedArrayLength, v, []);
      const copy = new CapturedUint8Array(n > 65536 ? 65536 : n);
      for (let i = 0; i < copy.length; i++) copy[i] = v[i];
      return copy;
    }
    return "[" + typeof v + "]";
  }
  function record(name, args) {
    let entry = counted[name];
    if (entry === undefined) {
      entry = { __proto__: null, count: 0, calls: newList() };
      counted[name] = entry;
    }
    entry.count++;
    if (entry.calls.length < MAX_RECORDED_CALLS) {
      const copy = newList();
      for (let i = 0; i < args.length && i < 8; i++) push(copy, recordArg(args[i]));
      push(entry.calls, copy);
    }
  }
  const COUNTED_CRYPTO = ["timingSafeEqual", "createHmac", "createHash", "hash", "scryptSync", "pbkdf2Sync", "hkdfSync", "randomBytes", "randomInt", "randomUUID", "getRandomValues"];
  const cryptoDescriptor = ObjectGetOwnPropertyDescriptor(G, "crypto");
  const cryptoObject = cryptoDescriptor && cryptoDescriptor.value;
  if (cryptoObject !== null && typeof cryptoObject === "object") {
    for (let i = 0; i < COUNTED_CRYPTO.length; i++) {
      const name = COUNTED_CRYPTO[i];
      const d = ObjectGetOwnPropertyDescriptor(cryptoObject, name);
      if (!d || typeof d.value !== "function") continue;
      const original = d.value;
      const label = "crypto." + name;
      // A method, so it has no .prototype and cannot be constructed, like the original.
      const wrapper = {
        [name](...args) {
          record(label, args);
          return ReflectApply(original, this, args);
        },
      }[name];
      ObjectDefineProperty(wrapper, "length", { __proto__: null, value: original.length });
      ObjectDefineProperty(cryptoObject, name, { __proto__: null, value: wrapper, writable: d.writable, enumerable: d.enumerable, configurable: d.configurable });
    }
  }
  function copyCalls(entry) {
    const out = newList();
    if (entry === undefined) return toArray(out);
    for (let i = 0; i < entry.calls.length; i++) {
      const args = newList();
      const call = entry.calls[i];
      for (let j = 0; j < call.length; j++) push(args, isUint8Array(call[j]) ? new CapturedUint8Array(call[j]) : call[j]);
      push(out, toArray(args));
    }
    return toArray(out);
  }
  const calls = ObjectFreeze({
    __proto__: null,
    /** How often learner (or test) code called a counted API in this test, e.g. count("crypto.timingSafeEqual"). */
    count(name) {
      const entry = counted[StringCtor(name)];
      return entry === undefined ? 0 : entry.count;
    },
    /** The arguments of the first 100 calls in this test (bytes copied, other objects as "[object]"). */
    args(name) {
      return copyCalls(counted[StringCtor(name)]);
    },
    /** Forgets every count (tests call it after setting up, to count only what follows). */
    reset() {
      const keys = ReflectOwnKeys(counted);
      for (let i = 0; i < keys.length; i++) delete counted[keys[i]];
    },
    /** The APIs that are counted. */
    names() {
      const out = newList();
      for (let i = 0; i < COUNTED_CRYPTO.length; i++) push(out, "crypto." + COUNTED_CRYPTO[i]);
      return toArray(out);
    },
  });

  // ---- measuring work --------------------------------------------------------------------------
  function realNow() {
    const reply = callHost("now", "");
    return NumberCtor(reply.now);
  }
  /**
   * Real (not virtual) milliseconds fn takes: the median of `repeat` runs (default 5). Compare a
   * learner's function with the reference solution's in the same run, never with a fixed number.
   */
  function measure(fn, options) {
    if (typeof fn !== "function") throw new CapturedTypeError("measure(fn) needs a function.");
    let repeat = options && typeof options.repeat === "number" ? MathFloor(options.repeat) : 5;
    if (!(repeat >= 1)) repeat = 1;
    if (repeat > 50) repeat = 50;
    const times = newList();
    for (let i = 0; i < repeat; i++) {
      const start = realNow();
      ReflectApply(fn, undefined, []);
      push(times, realNow() - start);
    }
    const sorted = toArray(times);
    ReflectApply(ArrayPrototypeSort, sorted, [(a, b) => a - b]);
    return sorted[MathFloor(sorted.length / 2)];
  }

  // ---- serverside:test (test files only) --------------------------------------------------------
  const database = ObjectFreeze({
    __proto__: null,
    /** Rows of a query, uncounted and not in the learner's log (inspect the final state). */
    all(sql, ...params) {
      return request("test.query", sql, "all", params);
    },
    get(sql, ...params) {
      return request("test.query", sql, "get", params);
    },
    run(sql, ...params) {
      return request("test.query", sql, "run", params);
    },
    exec(sql) {
      request("test.query", sql, "exec", newList());
    },
    /** Starts this test's database over from another seed of the exercise (seeds/<name>.sql). */
    use(seed) {
      callHost("test.use", ReflectApply(JSONStringify, undefined, [StringCtor(seed)]));
    },
    /** The queries learner code made in this test so far, in order: { sql, params }. */
    queries() {
      const reply = callHost("test.log", "");
      const out = newList();
      for (let i = 0; i < reply.queries.length; i++) {
        const q = {};
        setField(q, "sql", StringCtor(reply.queries[i].sql));
        setField(q, "params", reply.queries[i].params);
        push(out, q);
      }
      return toArray(out);
    },
    /** How many queries learner code made in this test so far (every prepare().all/get/run and exec). */
    queryCount() {
      return NumberCtor(callHost("test.log", "").count);
    },
    /** Forgets the queries so far (call it after setting up data, to count only the request). */
    resetQueries() {
      callHost("test.resetLog", "");
    },
  });
  // ---- the scripted network behind fetch() (from the prelude; reset before every test) ----------
  const networkControl = internal && internal.network;
  const network = ObjectFreeze({
    __proto__: null,
    /**
     * What fetch() answers for a URL: on("GET https://api.test/users/*", reply | [reply, ...] |
     * (request) => reply). A reply is { status, headers, body | json, delay, error, hang }; a list is
     * answered in order, its last reply repeating.
     */
    on(pattern, responder) {
      ReflectApply(networkControl.on, networkControl, [pattern, responder]);
    },
    /** The requests made in this test so far (the first 1000): { method, url, headers, body, at }. */
    requests() {
      return ReflectApply(networkControl.requests, networkControl, []);
    },
    /** How many requests were made in this test so far. */
    count() {
      return ReflectApply(networkControl.count, networkControl, []);
    },
    /** Forgets the scripted replies and the recorded requests. */
    reset() {
      if (networkControl) ReflectApply(networkControl.reset, networkControl, []);
    },
  });
  const testModule = ObjectFreeze({ __proto__: null, database, calls, measure, network });

  internal.extensions = ObjectFreeze({
    __proto__: null,
    modules: ObjectFreeze({ __proto__: null, "serverside:db": dbModule }),
    testModules: ObjectFreeze({ __proto__: null, "serverside:test": testModule }),
    beforeTest() {
      calls.reset();
      network.reset();
    },
  });
})
