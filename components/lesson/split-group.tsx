"use client";

import {
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from "react";
import type { PaneSizes } from "./workspace-layout";

/** One of the two panes of a split: its DOM id, sizes in percent of the group, and extra attributes. */
export interface SplitPane {
  id: string;
  /** Percent of the group when nothing is remembered (the first pane's; the second gets the rest). */
  defaultSize?: number;
  minSize: number;
  attrs?: Record<`data-${string}`, string>;
}

/** Percent moved by one arrow key press on the separator (Shift: a bigger step). */
const STEP = 5;
const BIG_STEP = 20;

/**
 * Two panes with a separator between them that the pointer drags and the arrow keys move (Home and
 * End: as far as the minimum sizes allow), laid out with flex-grow so the server renders the
 * remembered sizes and nothing shifts on hydration. The separator is a focusable ARIA `separator`
 * with its value (the first pane's percentage). `onResized` gets the sizes after a drag or a key.
 *
 * Hand-written rather than react-resizable-panels: two-pane splits are all the workspace needs, and
 * the library (4.x) added about 28 KB gzipped to the lesson page's JavaScript before the editor.
 */
export function SplitGroup(props: {
  id: string;
  orientation: "horizontal" | "vertical";
  className?: string;
  panes: [SplitPane, SplitPane];
  /** Remembered sizes by pane id (both present and summing to 100), else null. */
  initial: PaneSizes | null;
  separator: { id: string; label: string; className?: string };
  onResized(sizes: PaneSizes): void;
  children: [ReactNode, ReactNode];
}) {
  const [first, second] = props.panes;
  const horizontal = props.orientation === "horizontal";
  const min = first.minSize;
  const max = 100 - second.minSize;
  const clamp = (size: number) => Math.min(max, Math.max(min, size));
  const [size, setSize] = useState(() => clamp(props.initial?.[first.id] ?? first.defaultSize ?? 50));
  const [dragging, setDragging] = useState(false);
  const group = useRef<HTMLDivElement | null>(null);

  const commit = (next: number) => {
    const rounded = Math.round(clamp(next) * 100) / 100;
    setSize(rounded);
    props.onResized({ [first.id]: rounded, [second.id]: Math.round((100 - rounded) * 100) / 100 });
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const keys: Record<string, number> = horizontal
      ? { ArrowLeft: size - step, ArrowRight: size + step, Home: min, End: max }
      : { ArrowUp: size - step, ArrowDown: size + step, Home: min, End: max };
    const next = keys[event.key];
    if (next === undefined) return;
    event.preventDefault();
    commit(next);
  }

  function sizeAt(event: PointerEvent<HTMLDivElement>): number | null {
    const rect = group.current?.getBoundingClientRect();
    if (!rect || !rect.width || !rect.height) return null;
    return clamp(
      horizontal
        ? ((event.clientX - rect.left) / rect.width) * 100
        : ((event.clientY - rect.top) / rect.height) * 100,
    );
  }

  const paneStyle = (grow: number): CSSProperties => ({
    flex: `${grow} 1 0px`,
    minWidth: 0,
    minHeight: 0,
    overflow: "hidden",
  });

  return (
    <div
      ref={group}
      id={props.id}
      className={props.className}
      data-group
      style={{
        display: "flex",
        flexDirection: horizontal ? "row" : "column",
        height: "100%",
        overflow: "hidden",
      }}
    >
      <div id={first.id} data-panel {...first.attrs} style={paneStyle(size)}>
        {props.children[0]}
      </div>
      <div
        id={props.separator.id}
        role="separator"
        tabIndex={0}
        aria-label={props.separator.label}
        aria-controls={first.id}
        // The separator's own orientation: a bar between side-by-side panes is vertical.
        aria-orientation={horizontal ? "vertical" : "horizontal"}
        aria-valuenow={Math.round(size)}
        aria-valuemin={Math.round(min)}
        aria-valuemax={Math.round(max)}
        className={props.separator.className}
        data-separator={dragging ? "active" : ""}
        style={{ flex: "none", cursor: horizontal ? "col-resize" : "row-resize", touchAction: "none" }}
        onKeyDown={onKeyDown}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.preventDefault();
          event.currentTarget.setPointerCapture(event.pointerId);
          setDragging(true);
        }}
        onPointerMove={(event) => {
          if (!dragging) return;
          const next = sizeAt(event);
          if (next !== null) setSize(next);
        }}
        onPointerUp={(event) => {
          if (!dragging) return;
          setDragging(false);
          commit(sizeAt(event) ?? size);
        }}
        onPointerCancel={() => setDragging(false)}
      />
      <div id={second.id} data-panel {...second.attrs} style={paneStyle(100 - size)}>
        {props.children[1]}
      </div>
    </div>
  );
}
