import { describe, expect, it } from 'vitest';
import { detectPlatform } from './detect-platform';

describe('detectPlatform', () => {
  it.each([
    ['https://mrsrivera.example.org/feed/', 'https://wordpress.org/?v=6.7.1', 'wordpress'],
    ['https://mrsrivera.edublogs.org/feed/', 'https://wordpress.org/?v=6.7.1', 'edublogs'],
    ['https://room12science.blogspot.com/feeds/posts/default', undefined, 'blogger'],
    ['https://school.example/feeds/posts/default', 'Blogger', 'blogger'],
    ['https://mastodon.example/@lincolnlibrary.rss', undefined, 'mastodon'],
    ['https://social.school.example/users/art/feed', 'Mastodon v4.3.2', 'mastodon'],
    ['https://bsky.app/profile/oakhillrobotics.bsky.social/rss', undefined, 'bluesky'],
    ['https://www.youtube.com/feeds/videos.xml?channel_id=UC123', undefined, 'youtube'],
    ['https://lindqvist.micro.blog/feed.json', undefined, 'microblog'],
    ['https://district.example/news.rss', 'Finalsite', 'other'],
  ])('%s (%s) is %s', (url, generator, platform) => {
    expect(detectPlatform(url, generator)).toBe(platform);
  });
});
