import type { WhatsAppDirectory } from '../../functions/ports/whatsapp-directory.ts';

/** For directory fakes of tests that only look profiles up: the other methods fail loudly. */
export const unusedDirectoryMethods: Pick<WhatsAppDirectory, 'lookupPicture' | 'lookupMany'> = {
  lookupPicture: () => Promise.reject(new Error('lookupPicture is not used by this test')),
  lookupMany: () => Promise.reject(new Error('lookupMany is not used by this test')),
};
