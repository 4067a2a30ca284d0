/**
 * What both apps show around their content while it loads: a spinner, a refusal, or an error with a way
 * to try again. The texts come from each app's own catalogue.
 */
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useEffect, useRef, type MutableRefObject } from 'react';
import { Inline, Muted, Stack, Text } from './layout';

/** The screens of an app that loads its state in one resolver call; `Ready` is what it shows then. */
export type LoadScreen<Ready> =
  | { kind: 'loading' }
  | ({ kind: 'ready' } & Ready)
  | { kind: 'refused'; message: string }
  | { kind: 'failed'; message: string };

/** False once the component has unmounted: an answer that arrives later must not set state. */
export function useMounted(): MutableRefObject<boolean> {
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  return mounted;
}

export function Loading({ label }: { label: string }) {
  return (
    <Inline>
      <Spinner size="medium" label={label} />
      <Muted>{label}</Muted>
    </Inline>
  );
}

export function LoadFailed({ title, message, retry, onRetry }: { title: string; message: string; retry: string; onRetry: () => void }) {
  return (
    <SectionMessage appearance="error" title={title}>
      <Stack>
        <Text>{message}</Text>
        <Inline>
          <Button onClick={onRetry}>{retry}</Button>
        </Inline>
      </Stack>
    </SectionMessage>
  );
}
