package dev.apiary.datagen.tpch;

/**
 * One generated line item, without its comment. Prices are in hundredths; discount and tax in
 * hundredths too (0..10 and 0..8).
 */
record LineFacts(
    int lineNumber,
    long partKey,
    long supplierKey,
    int quantity,
    long extendedPrice,
    int discount,
    int tax,
    int shipDate,
    int commitDate,
    int receiptDate,
    char returnFlag,
    char lineStatus,
    int instruction,
    int shipMode) {

  /** extendedprice * (1 + tax) * (1 - discount), rounded to hundredths. */
  long chargeHundredths() {
    return (extendedPrice * (100 + tax) * (100 - discount) + 5_000) / 10_000;
  }
}
