import { Notification } from 'electron';
import type { NotificationPort } from '../core';

/** OS notifications for core's expiry reminders: a title and a text naming vault and secrets, never a value. */
export const electronNotifications: NotificationPort = {
  isSupported: () => Notification.isSupported(),
  show: ({ title, body }) => new Notification({ title, body }).show(),
};
