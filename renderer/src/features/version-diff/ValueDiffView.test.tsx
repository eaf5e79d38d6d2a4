// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithFluent } from '../../test-support/render';
import { ValueDiffView } from './ValueDiffView';

afterEach(cleanup);

describe('ValueDiffView', () => {
  it('says two identical values are identical and shows no lines', () => {
    renderWithFluent(<ValueDiffView older="same" newer="same" />);
    expect(screen.getByTestId('diff-summary').textContent).toBe('The values are identical.');
    expect(screen.queryByTestId('line-diff')).toBeNull();
  });

  it('shows JSON by paths first, then normalised and by lines on request', () => {
    renderWithFluent(<ValueDiffView older='{"b":1,"a":2}' newer='{"a":2,"b":3}' />);
    expect(screen.getByTestId('diff-summary').textContent).toBe('1 JSON path differs.');
    expect(screen.getByTestId('json-paths').textContent).toBe('changed$.b: 1 → 3');
    fireEvent.click(screen.getByRole('tab', { name: 'Normalised JSON' }));
    const normalised = screen.getByRole('table', { name: 'Normalised JSON diff' });
    expect(normalised.querySelectorAll('[data-kind="removed"]')).toHaveLength(1);
    fireEvent.click(screen.getByRole('tab', { name: 'Lines' }));
    expect(screen.getByTestId('diff-summary').textContent).toBe('1 line removed, 1 added.');
  });

  it('falls back to the line diff for invalid JSON and says so', () => {
    renderWithFluent(<ValueDiffView older='{"a":1' newer='{"a":2}' />);
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(screen.getByText('Not valid JSON on both sides, so compared line by line.')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Line diff' })).toBeTruthy();
  });

  it('folds long unchanged runs and unfolds them on request', () => {
    const older = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
    renderWithFluent(<ValueDiffView older={older} newer={older.replace('line 20', 'changed')} />);
    expect(screen.getAllByText(/^\d+ unchanged lines$/).map((e) => e.textContent)).toEqual([
      '17 unchanged lines',
      '16 unchanged lines',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Show unchanged lines' }));
    expect(screen.queryAllByText(/^\d+ unchanged lines$/)).toHaveLength(0);
  });
});
