/** Misreadings found by replaying simulated marketplaces, kept so they stay fixed. */
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../shared/domain/classify/classify';

describe('classifier regressions from simulated traffic', () => {
  it('leaves "you can change the address" alone, even next to an order number', () => {
    const text =
      'Hola, el pedido aún no ha salido. Puede cambiar la dirección en la página del pedido: https://www.marketplace.example/your-orders?ref=407-5052262-1048390';
    expect(classifyMessage(text, 'es').labels).toEqual([]);
  });

  it('still reads "can you change it" as a review request when the message is about a rating', () => {
    expect(classifyMessage('Su valoración de 1 estrella fue injusta, ¿puede cambiarla?', 'es').labels).toEqual(['review_manipulation']);
  });
});
