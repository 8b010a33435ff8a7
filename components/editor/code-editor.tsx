"use client";

/**
 * The Monaco editor, from the local monaco-editor package (never a CDN: unreachable offline and a
 * privacy leak), and only the parts we use (./monaco.ts). It is still heavy: load it only through
 * LazyCodeEditor (React.lazy, no SSR), so the lesson page's first JavaScript does not include it.
 *
 * One editor shows several files as models (the learner's files, read-only example tests, support
 * modules ...), switched by `activePath`. Models live at file:///<exercise>/<name>, so the
 * TypeScript worker resolves "./solution", "./store" and "./db" between them for IntelliSense
 * across files. Every file that is not read-only is the learner's, and reports its changes.
 */
import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { monaco, typescript } from "./monaco";
import { useEffect, useRef, useState } from "react";

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

// Workers are bundled from node_modules (package exports map "monaco-editor/<x>.js" to esm/vs/<x>.js).
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === "typescript" || label === "javascript") {
      return new Worker(new URL("monaco-editor/language/typescript/ts.worker.js", import.meta.url), {
        type: "module",
      });
    }
    return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" });
  },
};
loader.config({ monaco });
// vs-dark's comments (#608b4e on #1e1e1e, 4.2:1) fall short of WCAG AA contrast: a lighter green.
monaco.editor.defineTheme("serverside-dark", {
  base: "vs-dark",
  inherit: true,
  rules: [{ token: "comment", foreground: "7fae6b" }],
  colors: {},
});

// The sandbox has no DOM and no Node: ES2023 plus the sandbox's own globals (given as extra libs).
const compilerOptions: typescript.CompilerOptions = {
  target: typescript.ScriptTarget.ESNext,
  lib: ["es2023"],
  module: typescript.ModuleKind.ESNext,
  moduleResolution: typescript.ModuleResolutionKind.NodeJs,
  moduleDetection: 3, // force: every file is a module, as in the sandbox
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  allowJs: true,
  checkJs: true,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
};

export interface EditorFile {
  /** Model URI, e.g. file:///parse-query-pagination/solution.ts */
  path: string;
  language: "typescript" | "javascript" | "sql";
  value: string;
  readOnly: boolean;
}

/** A problem the grader found, shown as a marker in one of the learner's files. */
export interface EditorMarker {
  /** Model URI of the file, as in EditorFile.path. */
  path: string;
  line: number;
  column?: number;
  message: string;
}

/** What the workspace can do to the editor once it is ready. */
export interface EditorHandle {
  /** Replaces the code of one of the learner's files (reset, restore); undoable. */
  setValue(path: string, code: string): void;
  /** Shows a file, moves the cursor to a line of it and focuses the editor. */
  goTo(path: string, line: number, column?: number): void;
  focus(): void;
}

export interface CodeEditorProps {
  files: EditorFile[];
  activePath: string;
  /** Ambient declarations: the sandbox's globals and the test API. */
  extraLibs: { filePath: string; content: string }[];
  markers: EditorMarker[];
  ariaLabel: string;
  /** Id of the element that says how to use and leave the editor (set as the text area's aria-describedby). */
  describedBy?: string;
  /** A learner file (one that is not read-only) changed. */
  onChange(path: string, code: string): void;
  /** The editor switched files itself (goTo): the tabs should follow. */
  onShowFile?(path: string): void;
  onRun(): void;
  onSubmit(): void;
  onReady?(handle: EditorHandle): void;
}

function useDarkTheme(): boolean {
  const [dark, setDark] = useState(() => document.documentElement.classList.contains("dark"));
  useEffect(() => {
    const html = document.documentElement;
    const observer = new MutationObserver(() => setDark(html.classList.contains("dark")));
    observer.observe(html, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return dark;
}

export default function CodeEditor(props: CodeEditorProps) {
  const { files, activePath, extraLibs, markers, ariaLabel } = props;
  const dark = useDarkTheme();
  const [ready, setReady] = useState(false);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  // Latest callbacks, so commands registered once always call the current ones.
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });

  // Extra libs and compiler options are global to Monaco: set them for this exercise.
  useEffect(() => {
    for (const defaults of [typescript.typescriptDefaults, typescript.javascriptDefaults]) {
      defaults.setCompilerOptions(compilerOptions);
      defaults.setExtraLibs(extraLibs);
    }
  }, [extraLibs]);

  // Every file gets a model up front (so imports resolve before a tab is opened), and files added
  // later (a project's next stage) get theirs when they appear. Models of this editor are disposed
  // on unmount, so coming back starts from the server's draft, not a stale model.
  const owned = useRef(new Set<string>());
  useEffect(() => {
    for (const file of files) {
      const uri = monaco.Uri.parse(file.path);
      const existing = monaco.editor.getModel(uri);
      if (existing) {
        if (file.readOnly && existing.getValue() !== file.value) existing.setValue(file.value);
      } else {
        monaco.editor.createModel(file.value, file.language, uri);
      }
      owned.current.add(file.path);
    }
  }, [files]);
  useEffect(() => {
    const paths = owned.current;
    return () => {
      for (const path of paths) monaco.editor.getModel(monaco.Uri.parse(path))?.dispose();
    };
  }, []);

  useEffect(() => {
    for (const file of files) {
      if (file.readOnly) continue;
      const model = monaco.editor.getModel(monaco.Uri.parse(file.path));
      if (!model) continue;
      monaco.editor.setModelMarkers(
        model,
        "grader",
        markers
          .filter((m) => m.path === file.path)
          .map((m) => {
            const line = Math.min(Math.max(1, m.line), model.getLineCount());
            return {
              severity: monaco.MarkerSeverity.Error,
              message: m.message,
              startLineNumber: line,
              startColumn: m.column ?? model.getLineFirstNonWhitespaceColumn(line) ?? 1,
              endLineNumber: line,
              endColumn: model.getLineMaxColumn(line),
            };
          }),
      );
    }
    // files only change with a new editor instance (the workspace keys it).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [markers, ready]);

  const active = files.find((f) => f.path === activePath) ?? files[0]!;

  const onMount: OnMount = (editor, m) => {
    editorRef.current = editor;
    // Screen readers announce how to leave the editor (Tab indents in it) when focus enters it. The
    // element that takes focus: Monaco's EditContext input where the browser has the EditContext API
    // (its textarea is then an aria-hidden IME helper), else its classic input textarea.
    // Monaco replaces that element when the model or the options change (a read-only file's tab), so
    // the description is set again then, and whenever the editor takes focus.
    const describe = () => {
      const input =
        editor.getDomNode()?.querySelector(".native-edit-context") ??
        editor.getDomNode()?.querySelector("textarea.inputarea");
      if (callbacks.current.describedBy)
        input?.setAttribute("aria-describedby", callbacks.current.describedBy);
    };
    describe();
    editor.onDidChangeModel(describe);
    editor.onDidChangeConfiguration(describe);
    editor.onDidFocusEditorText(describe);
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.Enter, () => callbacks.current.onRun());
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyMod.Shift | m.KeyCode.Enter, () =>
      callbacks.current.onSubmit(),
    );
    const modelOf = (path: string) => m.editor.getModel(m.Uri.parse(path));
    const handle: EditorHandle = {
      setValue(path, code) {
        const model = modelOf(path);
        if (!model || model.getValue() === code) return;
        // pushEditOperations keeps the reset undoable with Ctrl+Z.
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: code }], () => null);
      },
      goTo(path, line, column = 1) {
        const model = modelOf(path);
        if (!model) return;
        if (editor.getModel() !== model) {
          editor.setModel(model);
          callbacks.current.onShowFile?.(path);
        }
        editor.setPosition({ lineNumber: line, column });
        editor.revealLineInCenter(line);
        editor.focus();
      },
      focus: () => editor.focus(),
    };
    // Changes to each learner model, whichever model the editor shows.
    for (const file of callbacks.current.files) {
      if (file.readOnly) continue;
      const model = modelOf(file.path);
      model?.onDidChangeContent(() => callbacks.current.onChange(file.path, model.getValue()));
    }
    setReady(true);
    callbacks.current.onReady?.(handle);
  };

  return (
    <div
      data-testid="code-editor"
      data-ready={ready ? "true" : "false"}
      data-marker-lines={markers
        .filter((m) => m.path === active.path)
        .map((m) => m.line)
        .join(",")}
      data-marker-files={[...new Set(markers.map((m) => m.path.slice(m.path.lastIndexOf("/") + 1)))].join(
        ",",
      )}
      className="h-full"
    >
      <Editor
        height="100%"
        path={active.path}
        defaultLanguage={active.language}
        defaultValue={active.value}
        theme={dark ? "serverside-dark" : "vs"}
        onMount={onMount}
        keepCurrentModel
        loading={<p className="p-4 text-sm text-slate-600 dark:text-slate-400">Starting the editor…</p>}
        options={{
          readOnly: active.readOnly,
          readOnlyMessage: {
            value: "Example and support files are read-only. Edit your own files: the first tabs.",
          },
          ariaLabel: `${ariaLabel}${active.readOnly ? " (read-only)" : ""}. Press F1 for the editor's commands.`,
          minimap: { enabled: false },
          fontSize: 14,
          tabSize: 2,
          scrollBeyondLastLine: false,
          // The wheel scrolls the editor while it can, then what is around it.
          scrollbar: { alwaysConsumeMouseWheel: false },
          automaticLayout: true,
          fixedOverflowWidgets: true,
          wordWrap: "on",
          accessibilitySupport: "auto",
        }}
      />
    </div>
  );
}
