import type { Notice } from '../../contract';

/** What Kluis wants the user to know about this launch (app.state's notices), and news of one while running. */
export interface NoticeBoard {
  /** Keeps the notice and announces it: a renderer that already read the state is told too. */
  add(notice: Notice): void;
  all(): Notice[];
}

/** The notices known at start-up (the settings file's problems, the keychain), then any added while running. */
export function createNoticeBoard(atStart: Notice[], announce: (notice: Notice) => void): NoticeBoard {
  const notices = [...atStart];
  return {
    add(notice) {
      notices.push(notice);
      announce(notice);
    },
    all: () => [...notices],
  };
}
