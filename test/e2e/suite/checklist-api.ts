/** The checklist view as the e2e tests see it through the extension's API (client/src/checklist.ts). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension } from './helpers';

export interface PracticeState {
  practice: number;
  status: string;
  description: string;
  ticked: boolean;
  cleared?: string;
  findings: number;
  suppressed: number;
  rows: string[];
}

export interface ChecklistFinding {
  uri: string;
  file: string;
  ruleId: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface ChecklistResult {
  files: number;
  practices: { practice: number; status: string; findings: ChecklistFinding[]; suppressed: ChecklistFinding[] }[];
}

export interface ChecklistApi {
  scope: 'file' | 'workspace';
  refresh(): Promise<ChecklistResult | undefined>;
  setScope(s: 'file' | 'workspace'): Promise<unknown>;
  practices(): PracticeState[];
  setTicked(n: number, on: boolean): Promise<void>;
  view: vscode.TreeView<unknown>;
}

export async function checklistApi(): Promise<ChecklistApi> {
  const exports = (await extension().activate()) as { checklist: ChecklistApi };
  assert.ok(exports.checklist, 'activate() returns the checklist');
  return exports.checklist;
}

export const state = (c: ChecklistApi, n: number): PracticeState => {
  const s = c.practices().find((p) => p.practice === n);
  assert.ok(s, `practice ${n} is in the checklist`);
  return s;
};

/**
 * Asks the server again until `pred` holds (a refresh after an edit, a settings change or a
 * save reads the state the server has by then); fails with the last state after the timeout.
 */
export async function refreshUntil(c: ChecklistApi, what: string, pred: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await c.refresh();
    const ok = pred();
    if (ok) return;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}; practices: ${JSON.stringify(c.practices().map((p) => [p.practice, p.status, p.description, p.ticked, p.cleared]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
