"use client";

/**
 * The parts of Monaco the lesson editor uses, instead of `monaco-editor`'s index, which registers
 * every language, the CSS/HTML/JSON language services, the LSP client, the diff editor and every
 * editor contribution. Paths go through the package's exports ("./*" -> "./esm/vs/*.js").
 * To bring a feature back, import its contribution here (the full list is in
 * node_modules/monaco-editor/esm/vs/index.js).
 */
import * as monaco from "monaco-editor/editor/editor.api";
import * as typescript from "monaco-editor/languages/features/typescript/register";

// Languages: tokenizers (loaded on first use) and TypeScript/JavaScript IntelliSense.
import "monaco-editor/languages/definitions/typescript/register";
import "monaco-editor/languages/definitions/javascript/register";
import "monaco-editor/languages/definitions/sql/register";

// Editing basics: cursor and typing commands, word and line operations, comments, multi-cursor,
// clipboard and context menu, undo of cursor moves, indentation.
import "monaco-editor/editor/browser/coreCommands";
import "monaco-editor/editor/contrib/wordOperations/browser/wordOperations";
import "monaco-editor/editor/contrib/linesOperations/browser/linesOperations";
import "monaco-editor/editor/contrib/comment/browser/comment";
import "monaco-editor/editor/contrib/multicursor/browser/multicursor";
import "monaco-editor/editor/contrib/clipboard/browser/clipboard";
import "monaco-editor/editor/contrib/contextmenu/browser/contextmenu";
import "monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo";
import "monaco-editor/editor/contrib/indentation/browser/indentation";
import "monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter";
// Find/replace, bracket matching, folding.
import "monaco-editor/features/find/register";
import "monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching";
import "monaco-editor/editor/contrib/folding/browser/folding";
// IntelliSense: suggestions (with snippets), parameter hints, hovers, go to definition.
import "monaco-editor/editor/contrib/snippet/browser/snippetController2";
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
import "monaco-editor/editor/contrib/parameterHints/browser/parameterHints";
import "monaco-editor/editor/contrib/hover/browser/hoverContribution";
import "monaco-editor/editor/contrib/gotoSymbol/browser/goToCommands";
// Markers: F8 to the next problem, and its status.
import "monaco-editor/editor/contrib/gotoError/browser/gotoError";
import "monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus";
// Keyboard and accessibility: Ctrl+M (Tab moves focus), F1 command palette and "?" help, the
// read-only message.
import "monaco-editor/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode";
import "monaco-editor/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess";
import "monaco-editor/editor/standalone/browser/quickAccess/standaloneHelpQuickAccess";
import "monaco-editor/editor/contrib/readOnlyMessage/browser/contribution";
import "monaco-editor/editor/common/standaloneStrings";
// Icons used by the widgets above. The package's exports map only .js files, so the modifiers
// stylesheet (the spinning "loading" icon, disabled icons) is imported by its path.
import "monaco-editor/features/codicon/register";
import "../../node_modules/monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon-modifiers.css";

// Services of editor contributions that arrive late: Monaco's TypeScript support (loaded on the first
// TypeScript model) imports every editor contribution (vs/internal/common/workers.js), among them
// CodeLens and drop-into-editor, whose services would then register after the editor's services
// were set up, and each lesson load threw "depends on UNKNOWN service ICodeLensCache /
// treeViewsDndService". Registered here, before the first editor is created, they are known.
import "monaco-editor/editor/contrib/codelens/browser/codeLensCache";
import "monaco-editor/editor/common/services/treeViewsDndService";

export { monaco, typescript };
