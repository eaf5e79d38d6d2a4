import { Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { Stethoscope20Regular } from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { diagnoseRequest } from './diagnose-request';

/**
 * A vault's context menu in the sidebar (right click, or Shift+F10 / the context-menu key on the focused vault):
 * "Diagnose access" opens the access doctor's panel for it.
 */
export function VaultContextMenu({ vaultId, children }: { vaultId: string; children: ReactElement }) {
  return (
    <Menu openOnContext>
      <MenuTrigger disableButtonEnhancement>{children}</MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<Stethoscope20Regular />} onClick={() => diagnoseRequest.open(vaultId)}>
            Diagnose access…
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
