import type { TextOptions } from '../../generated/index.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * Markdown (default), HTML or code text; needs no query.
 *
 * @example
 * text('About').content('Owned by **team-payments**. Runbook: https://runbooks.example/checkout')
 * // → { "type": "text", "title": "About", "options": { "mode": "markdown", "content": "Owned by …" } }
 */
export class TextPanel extends PanelBuilder<never, TextOptions, Record<string, never>> {
  /** The text, in markdown unless `mode` says `html` or `code`. */
  content(content: string, mode: 'markdown' | 'html' | 'code' = 'markdown'): this {
    return this.options({ mode, content } as never);
  }

  /** @internal */
  override get needsTargets(): boolean {
    return false;
  }
}

/** A text panel (see {@link TextPanel}). */
export function text(title?: string): TextPanel {
  return new TextPanel(initialPanelProps('text', title));
}
