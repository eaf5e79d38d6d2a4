import {
  Button,
  Checkbox,
  Field,
  makeStyles,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Radio,
  RadioGroup,
  SpinButton,
  tokens,
} from '@fluentui/react-components';
import { Sparkle16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import {
  CHARACTER_CLASSES,
  generateBase64,
  generateGuid,
  generatePassword,
  PASSWORD_LENGTH,
  type CharacterClass,
} from './value-generators';

const useStyles = makeStyles({
  surface: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, width: '320px' },
  classes: { display: 'flex', flexWrap: 'wrap' },
});

type Kind = 'password' | 'guid' | 'bytes';
const CLASS_LABEL: Record<CharacterClass, string> = {
  lower: 'a-z',
  upper: 'A-Z',
  digits: '0-9',
  symbols: 'Symbols',
};
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(n)));

/** Fills the editor with a new random value: a password, a GUID or random bytes as base64. */
export function ValueGenerator({
  onGenerate,
  disabled,
}: {
  onGenerate: (value: string) => void;
  disabled?: boolean;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>('password');
  const [length, setLength] = useState<number>(PASSWORD_LENGTH.default);
  const [classes, setClasses] = useState<CharacterClass[]>(['lower', 'upper', 'digits', 'symbols']);
  const [excludeLookAlikes, setExclude] = useState(true);
  const [bytes, setBytes] = useState(32);

  const generate = () => {
    const value =
      kind === 'password'
        ? generatePassword({ length, classes, excludeLookAlikes })
        : kind === 'guid'
          ? generateGuid()
          : generateBase64(bytes);
    onGenerate(value);
    setOpen(false);
  };

  return (
    <Popover open={open} onOpenChange={(_, d) => setOpen(d.open)} trapFocus>
      <PopoverTrigger disableButtonEnhancement>
        <Button size="small" icon={<Sparkle16Regular />} disabled={disabled}>
          Generate
        </Button>
      </PopoverTrigger>
      <PopoverSurface className={styles.surface} aria-label="Generate a value">
        <RadioGroup
          aria-label="Kind of value"
          value={kind}
          layout="horizontal"
          onChange={(_, d) => setKind(d.value as Kind)}
        >
          <Radio value="password" label="Password" />
          <Radio value="guid" label="GUID" />
          <Radio value="bytes" label="Random bytes" />
        </RadioGroup>
        {kind === 'password' && (
          <>
            <Field label={`Length (${PASSWORD_LENGTH.min}-${PASSWORD_LENGTH.max})`} size="small">
              <SpinButton
                size="small"
                value={length}
                min={PASSWORD_LENGTH.min}
                max={PASSWORD_LENGTH.max}
                onChange={(_, d) => {
                  const n = d.value ?? Number(d.displayValue);
                  if (Number.isFinite(n)) setLength(clamp(n, PASSWORD_LENGTH.min, PASSWORD_LENGTH.max));
                }}
              />
            </Field>
            <div className={styles.classes} role="group" aria-label="Characters to use">
              {(Object.keys(CHARACTER_CLASSES) as CharacterClass[]).map((c) => (
                <Checkbox
                  key={c}
                  label={CLASS_LABEL[c]}
                  checked={classes.includes(c)}
                  onChange={(_, d) =>
                    setClasses((now) => (d.checked ? [...now, c] : now.filter((x) => x !== c)))
                  }
                />
              ))}
            </div>
            <Checkbox
              label="Leave out look-alikes (l, 1, O, 0…)"
              checked={excludeLookAlikes}
              onChange={(_, d) => setExclude(d.checked === true)}
            />
          </>
        )}
        {kind === 'bytes' && (
          <Field label="Bytes (encoded as base64)" size="small">
            <SpinButton
              size="small"
              value={bytes}
              min={1}
              max={4096}
              onChange={(_, d) => {
                const n = d.value ?? Number(d.displayValue);
                if (Number.isFinite(n)) setBytes(clamp(n, 1, 4096));
              }}
            />
          </Field>
        )}
        <Button
          appearance="primary"
          size="small"
          disabled={kind === 'password' && classes.length === 0}
          onClick={generate}
        >
          Use this
        </Button>
      </PopoverSurface>
    </Popover>
  );
}
