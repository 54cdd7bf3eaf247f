import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import PhaseDisplay from './PhaseDisplay.svelte';
import { focus, rest, sessionView } from '../../test/fixtures';
import { formatClock } from '../time';

// The running state at a glance: which format runs, and what comes after this phase and when.
describe('PhaseDisplay: the format and what comes next', () => {
  it('names the format and the next phase with its kind and start time', () => {
    const view = sessionView({ phases: [focus('Write the methods'), rest('Stretch'), focus('Write the results')] });
    render(PhaseDisplay, { snapshot: view.state, formatName: 'Writing morning', agenda: view.agenda });
    expect(screen.getByText('Writing morning')).toBeInTheDocument();
    expect(screen.getByText('Stretch · Break')).toBeInTheDocument();
    const next = screen.getByText('Next').parentElement!;
    expect(next.querySelector('time')).toHaveTextContent(formatClock(view.agenda[1].starts_at));
    expect(next).toHaveAttribute('data-kind', 'break');
  });

  it('says when the current phase is the last one', () => {
    const view = sessionView({ phases: [focus('Only one')] });
    render(PhaseDisplay, { snapshot: view.state, formatName: 'Pomodoro', agenda: view.agenda });
    expect(screen.getByText('This is the last phase: the session ends with it.')).toBeInTheDocument();
    expect(screen.queryByText('Next')).not.toBeInTheDocument();
  });
});
