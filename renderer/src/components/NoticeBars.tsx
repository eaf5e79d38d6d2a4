import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Notice } from '../../../electron/contract';

/** Start-up notices from main, e.g. a settings file that had to be set aside. */
export function NoticeBars({ notices }: { notices: Notice[] }) {
  return (
    <>
      {notices.map((notice, i) => (
        <MessageBar key={i} intent={notice.level}>
          <MessageBarBody>{notice.message}</MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}
