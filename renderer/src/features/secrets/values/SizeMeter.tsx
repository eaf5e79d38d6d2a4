import { Field, ProgressBar } from '@fluentui/react-components';
import { measureValue, type SizeLevel } from './value-size';
import { MAX_SECRET_VALUE_LENGTH } from '../../../../../electron/contract/limits';

const COLOR: Record<SizeLevel, 'brand' | 'warning' | 'error'> = {
  ok: 'brand',
  near: 'warning',
  over: 'error',
};
const STATE: Record<SizeLevel, 'none' | 'warning' | 'error'> = { ok: 'none', near: 'warning', over: 'error' };
const fmt = (n: number) => n.toLocaleString('en-US');

/** How much of the 25,600-character limit a value uses: orange near the limit, red (and blocking) over it. */
export function SizeMeter({ value }: { value: string }) {
  const size = measureValue(value);
  const text = `${fmt(size.chars)} / ${fmt(MAX_SECRET_VALUE_LENGTH)} characters, ${fmt(size.bytes)} bytes`;
  const message =
    size.level === 'over'
      ? `${text}: over the limit by ${fmt(size.chars - MAX_SECRET_VALUE_LENGTH)}; shorten it to save.`
      : size.level === 'near'
        ? `${text}: close to the limit.`
        : text;
  return (
    <Field
      validationState={STATE[size.level]}
      validationMessage={message}
      validationMessageIcon={size.level === 'ok' ? null : undefined}
      size="small"
      data-size-level={size.level}
    >
      <ProgressBar
        value={size.share}
        max={1}
        thickness="medium"
        color={COLOR[size.level]}
        aria-label="Value size against the limit"
        aria-valuetext={text}
      />
    </Field>
  );
}
