package io.traveler.customers.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * How a quote adds up, on the server only (whatever totals a client sends are ignored). Every amount is kept with 4
 * decimals (numeric(19,4)), rounded half-to-even (banker's rounding, so rounding errors do not drift one way over
 * many lines) at each step: a line's total is quantity × unit price, rounded; the subtotal is the sum of the line
 * totals; the discount is an amount, at most the subtotal; the tax is the fixed tax amount when one is given, else
 * (subtotal − discount) × tax rate / 100, rounded, and nothing for a tax-exempt customer; the total is subtotal −
 * discount + tax.
 */
public record QuoteTotals(BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal total) {
    public static final int SCALE = 4;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    static BigDecimal lineTotal(BigDecimal quantity, BigDecimal unitPrice) {
        return money(quantity.multiply(unitPrice));
    }

    static QuoteTotals of(
            Collection<BigDecimal> lineTotals,
            BigDecimal discount,
            BigDecimal taxRate,
            BigDecimal taxAmount,
            boolean taxExempt) {
        BigDecimal subtotal = money(lineTotals.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal off = money(discount == null ? BigDecimal.ZERO : discount);
        BigDecimal taxable = subtotal.subtract(off);
        BigDecimal tax;
        if (taxExempt) {
            tax = money(BigDecimal.ZERO);
        } else if (taxAmount != null) {
            tax = money(taxAmount);
        } else if (taxRate != null) {
            tax = money(taxable.multiply(taxRate).divide(HUNDRED));
        } else {
            tax = money(BigDecimal.ZERO);
        }
        return new QuoteTotals(subtotal, off, tax, taxable.add(tax));
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(SCALE, ROUNDING);
    }
}
