// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithFluent } from '../../../test-support/render';
import { newTagRow, tagsFromRows, type TagRow } from './tag-rows';
import { TagEditor } from './TagEditor';

let latest: TagRow[] = [];
function Harness({ initial }: { initial: TagRow[] }) {
  const [rows, setRows] = useState(initial);
  const change = (next: TagRow[]) => {
    latest = next;
    setRows(next);
  };
  return <TagEditor rows={rows} onChange={change} />;
}

afterEach(cleanup);

describe('TagEditor', () => {
  it('adds and removes rows', () => {
    latest = [];
    renderWithFluent(<Harness initial={[newTagRow('env', 'prod')]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Tag 2 name' }), { target: { value: 'owner' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Tag 2 value' }), { target: { value: 'team' } });
    expect(tagsFromRows(latest)).toEqual({ env: 'prod', owner: 'team' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag 1' }));
    expect(tagsFromRows(latest)).toEqual({ owner: 'team' });
  });

  it('stops at 15 tags and says so', () => {
    renderWithFluent(<Harness initial={Array.from({ length: 14 }, (_, i) => newTagRow(`t${i}`, 'v'))} />);
    const add = screen.getByRole('button', { name: 'Add tag' });
    expect(add.hasAttribute('disabled')).toBe(false);
    fireEvent.click(add);
    expect(latest).toHaveLength(15);
    expect(screen.getByRole('button', { name: 'Add tag' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Key Vault allows at most 15 tags.')).toBeTruthy();
    expect(screen.getByText('15 of 15')).toBeTruthy();
  });

  it('flags names and values over 512 characters and duplicate names, and refuses to save them', () => {
    latest = [newTagRow('env', 'x'.repeat(513)), newTagRow('env', 'b')];
    renderWithFluent(<Harness initial={latest} />);
    expect(screen.getAllByText('At most 512 characters.')).toHaveLength(1);
    expect(screen.getByText('This name is already used.')).toBeTruthy();
    expect(tagsFromRows(latest)).toBeUndefined();
    fireEvent.change(screen.getByRole('textbox', { name: 'Tag 1 value' }), {
      target: { value: 'x'.repeat(512) },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Tag 2 name' }), { target: { value: 'team' } });
    expect(tagsFromRows(latest)).toEqual({ env: 'x'.repeat(512), team: 'b' });
  });
});
