// The drawing of a part of the knowledge graph, with cytoscape (canvas 2D, so it
// draws wherever a canvas does; loaded on first use, outside the main bundle).
// Tapping an edge selects it; the view shows its sentences.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Core, ElementDefinition, LayoutOptions, StylesheetJson } from 'cytoscape';
import type { GraphDrawing } from '../../../shared/search-api';
import { t } from '../../i18n/i18n';

function elements(d: GraphDrawing): ElementDefinition[] {
  return [
    ...d.nodes.map((n) => ({ data: { id: n.key, label: n.name, role: n.role ?? '' } })),
    ...d.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: e.relation }, classes: e.best ? 'best' : '' })),
  ];
}

/** Colours from the page's own theme (light or dark), read when the drawing is made. */
function style(box: HTMLElement): StylesheetJson {
  const css = getComputedStyle(box);
  const v = (name: string) => css.getPropertyValue(name).trim();
  const label = { color: v('--ink'), 'text-background-color': v('--card'), 'text-background-opacity': 0.85, 'text-background-padding': '2px', 'font-size': 11 };
  return [
    { selector: 'node', style: { ...label, label: 'data(label)', 'background-color': v('--muted'), width: 12, height: 12, 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'wrap', 'text-max-width': '120px' } },
    { selector: 'node[role = "center"], node[role = "start"]', style: { 'background-color': v('--accent'), width: 20, height: 20, 'font-weight': 'bold' } },
    { selector: 'node[role = "end"]', style: { 'background-color': v('--warn'), width: 18, height: 18, 'font-weight': 'bold' } },
    { selector: 'edge', style: { ...label, label: 'data(label)', 'font-size': 9, width: 1.5, 'line-color': v('--line'), 'target-arrow-color': v('--muted'), 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'text-rotation': 'none', 'text-events': 'yes', 'overlay-padding': 6 } },
    { selector: 'edge.best', style: { width: 3, 'line-color': v('--muted') } },
    { selector: 'edge.selected', style: { width: 4, 'line-color': v('--accent'), 'target-arrow-color': v('--accent'), color: v('--accent'), 'font-weight': 'bold' } },
  ];
}

/** Around one entity: rings. Along paths: levels from the question's entities. Fitted afterwards (see fit). */
function layout(d: GraphDrawing): LayoutOptions {
  if (d.nodes.some((n) => n.role === 'center')) {
    return { name: 'concentric', concentric: (n) => (n.data('role') === 'center' ? 2 : 1), levelWidth: () => 1, startAngle: Math.PI, minNodeSpacing: 70, fit: false, animate: false };
  }
  const roots = d.nodes.filter((n) => n.role === 'start').map((n) => n.key);
  return { name: 'breadthfirst', directed: false, roots, spacingFactor: 1.25, fit: false, animate: false };
}

/** A few entities would be fitted at a huge zoom: no closer than this. */
const maxFitZoom = 1.3;

function fit(c: Core): void {
  c.fit(undefined, 24);
  if (c.zoom() > maxFitZoom) {
    c.zoom(maxFitZoom);
    c.center();
  }
}

export function GraphCanvas({ drawing, selected, onSelect, onNode, label }: {
  drawing: GraphDrawing; selected: string | null; onSelect: (edgeId: string | null) => void; onNode: (key: string, name: string) => void; label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const node = useRef(onNode);
  node.current = onNode;
  /** Why cytoscape could not draw (the browser's words; the sentence around them is translated when shown). */
  const failed = useSignal<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (cancelled || !box.current) return;
      const c = cytoscape({ container: box.current, elements: elements(drawing), style: style(box.current), layout: layout(drawing), boxSelectionEnabled: false, minZoom: 0.2, maxZoom: 3 });
      fit(c);
      c.on('tap', 'edge', (e) => select.current(e.target.id() as string));
      c.on('tap', 'node', (e) => node.current(e.target.id() as string, e.target.data('label') as string));
      c.on('tap', (e) => e.target === c && select.current(null));
      cy.current = c;
      box.current.dataset.ready = 'true';
    }).catch((e: unknown) => (failed.value = String(e)));
    // A phone turned sideways, or a narrower window: the drawing is fitted again.
    // (The observer also reports the first size at once: only a change refits, so an edge stays where it was drawn.)
    let size = '';
    const resized = new ResizeObserver(([entry]) => {
      const now = `${Math.round(entry!.contentRect.width)}x${Math.round(entry!.contentRect.height)}`;
      const changed = size !== '' && now !== size;
      size = now;
      if (!changed || !cy.current) return;
      cy.current.resize();
      fit(cy.current);
    });
    if (box.current) resized.observe(box.current);
    return () => {
      cancelled = true;
      resized.disconnect();
      cy.current?.destroy();
      cy.current = null;
    };
  }, [drawing]);

  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.edges().removeClass('selected');
    if (selected) c.getElementById(selected).addClass('selected');
  }, [selected]);

  if (failed.value) return <p class="error" role="alert">{t('graph:canvas.failed', { detail: failed.value })}</p>;
  return <div ref={box} class="graph-canvas" role="img" aria-label={label} data-testid="graph-canvas" data-nodes={drawing.nodes.length} data-edges={drawing.edges.length} />;
}
