import { ErrorSummary } from '@digdir/designsystemet-react';

export type FieldMessage = { id: string; message: string };

/**
 * Lists a form's field errors with links to the fields. Designsystemet's error
 * summary takes focus when it appears; give it a new `key` on every submit so
 * it does so each time.
 */
export function FormErrorSummary({ heading, errors }: { heading: string; errors: FieldMessage[] }) {
  if (errors.length === 0) return null;
  return (
    <ErrorSummary>
      <ErrorSummary.Heading>{heading}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {errors.map((e) => (
          <ErrorSummary.Item key={e.id}>
            <ErrorSummary.Link href={`#${e.id}`}>{e.message}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
