import { Field, Input, Select } from '@fluentui/react-components';
import type { AuthMethod } from '../../../../electron/contract';
import { AUTH_CHOICES } from '../vaults/auth-methods';

interface Props {
  method: AuthMethod;
  onMethod: (method: AuthMethod) => void;
  tenantId: string;
  onTenantId: (tenantId: string) => void;
}

/** The sign-in method (with what it does) and the optional tenant: the top of the add-vault and edit-sign-in forms. */
export function MethodAndTenantFields({ method, onMethod, tenantId, onTenantId }: Props) {
  const choice = AUTH_CHOICES.find((c) => c.method === method) ?? AUTH_CHOICES[0];
  return (
    <>
      <Field label="Sign-in method" hint={choice?.hint}>
        <Select value={method} onChange={(_, data) => onMethod(data.value as AuthMethod)}>
          {AUTH_CHOICES.map((c) => (
            <option key={c.method} value={c.method}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Tenant (optional)"
        hint="Directory (tenant) id or domain, when your account is in several."
      >
        <Input
          value={tenantId}
          placeholder="contoso.onmicrosoft.com"
          onChange={(_, data) => onTenantId(data.value)}
        />
      </Field>
    </>
  );
}
