// Social accounts' tokens at rest: AES-256-GCM through WebCrypto (the same code on Node and Workers), with a
// key from SOCIAL_SECRET_KEY. Each secret is bound to its account's network and login as additional data, so a
// ciphertext copied onto another account's row does not decrypt.

export interface SecretBox {
  seal(plain: string, context: string): Promise<string>;
  /** undefined when the ciphertext is not this key's (another district's, or the key changed). */
  open(sealed: string, context: string): Promise<string | undefined>;
}

const VERSION = 'v1';

export function createSecretBox(base64Key: string): SecretBox {
  let key: Promise<CryptoKey> | undefined;
  const keyOf = () =>
    (key ??= crypto.subtle.importKey('raw', fromBase64(base64Key), 'AES-GCM', false, ['encrypt', 'decrypt']));
  const encoder = new TextEncoder();
  return {
    async seal(plain, context) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
        await keyOf(),
        encoder.encode(plain),
      );
      return `${VERSION}.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`;
    },
    async open(sealed, context) {
      const [version, iv, data] = sealed.split('.');
      if (version !== VERSION || !iv || !data) return undefined;
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: fromBase64(iv), additionalData: encoder.encode(context) },
          await keyOf(),
          fromBase64(data),
        );
        return new TextDecoder().decode(plain);
      } catch {
        return undefined;
      }
    },
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
