// What the Postmark stand-in (local-services.ts) keeps of each message: the fields of Postmark's POST /email.
export interface ReceivedApiEmail {
  From: string;
  To: string;
  Subject: string;
  HtmlBody: string;
  TextBody: string;
  Headers: { Name: string; Value: string }[];
  MessageStream: string;
}

export const STAND_IN_TOKEN = 'postmark-stand-in-token';
