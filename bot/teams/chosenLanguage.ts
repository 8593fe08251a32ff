import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';

/** The copy a personal chat keeps of its person's choice; `language` absent: none chosen. */
interface LanguageCopy {
  language?: string;
}

/**
 * The language a person chose with `language`. The choice is the person's (user state, so it outlives a
 * conversation: a reinstalled app, a conversation state wiped after a failed turn); the app is personal
 * only (manifest scope `personal`), so each conversation has one person, and it keeps a copy of the choice
 * in its own state, which every turn reads anyway. A turn reads the person's record only when its
 * conversation has no copy yet (its first turn, or state written before the copy existed): one store read
 * a turn less than asking user state every turn (issue 18).
 */
export class ChosenLanguage {
  private readonly copy: StatePropertyAccessor<LanguageCopy>;
  private readonly choice: StatePropertyAccessor<string | undefined>;

  constructor(conversationState: ConversationState, userState: UserState) {
    this.copy = conversationState.createProperty<LanguageCopy>('language');
    this.choice = userState.createProperty<string | undefined>('language');
  }

  async get(context: TurnContext): Promise<string | undefined> {
    const copied = await this.copy.get(context);
    if (copied) return copied.language;
    const chosen = await this.choice.get(context);
    await this.copy.set(context, chosen ? { language: chosen } : {});
    return chosen;
  }

  async set(context: TurnContext, language: string | undefined): Promise<void> {
    await this.choice.set(context, language);
    await this.copy.set(context, language ? { language } : {});
  }
}
