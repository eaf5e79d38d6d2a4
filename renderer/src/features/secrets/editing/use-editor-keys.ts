import { useState, type KeyboardEvent } from 'react';

// React events bubble out of portals: Esc in the generator popover or a dialog belongs to that popup.
const insidePopup = (target: EventTarget) =>
  target instanceof Element &&
  target.closest('.fui-PopoverSurface, [role="dialog"], [role="alertdialog"]') !== null;

/**
 * Ctrl+S saves and Esc closes an open editor; with unsaved changes Esc asks first (the Cancel button, a deliberate
 * click, closes at once). Esc is stopped here so the
 * workspace does not also close the details pane.
 */
export function useEditorKeys({
  dirty,
  onSave,
  onClose,
}: {
  dirty: boolean;
  onSave: () => void;
  onClose: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const requestClose = () => (dirty ? setConfirming(true) : onClose());
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      onSave();
    } else if (event.key === 'Escape' && !event.defaultPrevented && !insidePopup(event.target)) {
      event.preventDefault();
      event.stopPropagation();
      requestClose();
    }
  };
  return {
    onKeyDown,
    discard: { open: confirming, onDiscard: onClose, onKeep: () => setConfirming(false) },
  };
}
