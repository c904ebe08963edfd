// The part of mailauth (an independent DKIM verifier, by the author of nodemailer) the email tests use.
declare module 'mailauth/lib/dkim/verify' {
  export interface DkimResult {
    signingDomain: string;
    selector: string;
    status: {
      result: 'pass' | 'fail' | 'neutral' | 'none' | 'policy' | 'temperror' | 'permerror';
      comment?: string;
    };
    signingHeaders: { keys: string };
  }
  export function dkimVerify(
    message: Buffer,
    options: { resolver: (name: string, type: string) => Promise<string[][]> },
  ): Promise<{ results: DkimResult[] }>;
}
