/** Taro.eventCenter event: the address book (opened with ?select=1) hands the picked address back to checkout. */
export const ADDRESS_PICKED = 'mall:address-picked';
