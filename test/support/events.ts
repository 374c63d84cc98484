/** Factories for v1 events: a canonical event per type, with overrides for the variation under test. */
import type { MessageSent, ReportDownloaded, ReviewEdited, ReviewPosted, ReviewRemoved } from '../../events/v1/schemas';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

const envelope = (type: string, time: string, sellerId: string) => ({
  specversion: '1.0' as const,
  id: nextId('evt'),
  source: 'marketplace/test',
  time,
  subject: sellerId,
  datacontenttype: 'application/json' as const,
  type,
});

export function reviewPosted(overrides: Partial<ReviewPosted['data']> = {}, time = '2026-03-01T10:00:00Z'): ReviewPosted {
  const data = {
    reviewId: nextId('R'),
    orderId: nextId('O'),
    productId: 'P-1',
    sellerId: 'S-1',
    buyerId: nextId('B'),
    rating: 1,
    marketplace: 'US',
    body: 'Arrived as a mist, not oil.',
    ...overrides,
  };
  return { ...envelope('review.posted', time, data.sellerId), type: 'review.posted', data };
}

export function reviewEdited(
  of: ReviewPosted,
  overrides: Partial<ReviewEdited['data']> = {},
  time = '2026-03-10T10:00:00Z',
): ReviewEdited {
  const { reviewId, orderId, productId, sellerId, buyerId, rating } = of.data;
  const data = { reviewId, orderId, productId, sellerId, buyerId, rating: 5, previousRating: rating, ...overrides };
  return { ...envelope('review.edited', time, sellerId), type: 'review.edited', data };
}

export function reviewRemoved(of: ReviewPosted, time = '2026-03-11T10:00:00Z'): ReviewRemoved {
  const { reviewId, orderId, productId, sellerId, buyerId, rating } = of.data;
  const data = { reviewId, orderId, productId, sellerId, buyerId, previousRating: rating, removedBy: 'buyer' as const };
  return { ...envelope('review.removed', time, sellerId), type: 'review.removed', data };
}

export function messageSent(overrides: Partial<MessageSent['data']> = {}, time = '2026-03-02T10:00:00Z'): MessageSent {
  const data = {
    messageId: nextId('M'),
    threadId: 'T-1',
    sellerId: 'S-1',
    buyerId: 'B-1',
    sender: 'seller' as const,
    body: 'Hello, your order has shipped.',
    ...overrides,
  };
  return { ...envelope('message.sent', time, data.sellerId), type: 'message.sent', data };
}

export function reportDownloaded(
  overrides: Partial<ReportDownloaded['data']> = {},
  time = '2026-03-03T07:00:00Z',
): ReportDownloaded {
  const data = {
    downloadId: nextId('D'),
    sellerId: 'S-1',
    actorId: 'U-1',
    reportType: 'orders',
    containsBuyerPii: true,
    orderIds: ['O-a', 'O-b'],
    ...overrides,
  };
  return { ...envelope('report.downloaded', time, data.sellerId), type: 'report.downloaded', data };
}
