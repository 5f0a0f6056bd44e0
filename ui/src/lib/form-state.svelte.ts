// The submit cycle every entity form shares: field messages follow the input once the user has tried to
// send (the server's stay until the next try), focus goes to the first field with a message, a refused
// write names its fields (see `fieldErrors`), and a busy flag guards against a second click.
import { get } from 'svelte/store';
import { _ } from 'svelte-i18n';
import { fieldErrors, focusFirst } from '$lib/forms';

/** What a one-line field reads of its form (`useFormState`): the messages by field and the labels' section. */
export type FormFields = { readonly errors: Record<string, string | undefined>; readonly labels: string };

export function useFormState(opts: {
  /** The client-side checks: field → message. */
  validate: () => Record<string, string>;
  /** The fields a server message may name. */
  fields: readonly string[];
  /** Saves; throws the server's refusal. */
  save: () => Promise<void>;
  /** Control ids for fields whose control is not `f-<name>`. */
  focus?: Record<string, string>;
  /** Handles a refusal itself (returns true), e.g. a version conflict. */
  refused?: (e: unknown) => boolean;
  /** The message section of the fields' labels (`<labels>.field.<name>`), for `WordSelect`. */
  labels?: string;
}) {
  let attempted = $state(false);
  let serverErrors = $state<Record<string, string>>({});
  let failure = $state<unknown>(null);
  let busy = $state(false);
  const errors = $derived<Record<string, string>>({
    ...serverErrors,
    ...(attempted ? opts.validate() : {}),
  });

  async function submit(ev: SubmitEvent) {
    ev.preventDefault();
    failure = null;
    serverErrors = {};
    attempted = true;
    const found = opts.validate();
    if (Object.keys(found).length) return focusFirst(found, opts.focus);
    busy = true;
    try {
      await opts.save();
    } catch (e) {
      if (opts.refused?.(e)) return;
      serverErrors = fieldErrors(e, opts.fields, get(_));
      failure = e;
      focusFirst(serverErrors, opts.focus);
    } finally {
      busy = false;
    }
  }

  return {
    labels: opts.labels ?? '',
    get errors() {
      return errors;
    },
    get failure() {
      return failure;
    },
    get busy() {
      return busy;
    },
    submit,
  };
}
