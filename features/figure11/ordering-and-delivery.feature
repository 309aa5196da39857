@figure11 @setup:figure10
Feature: Figure 11 — ordering and delivering the converged offer
  A driver orders the converged offer (on the car manufacturer's portal, or through the CSP's or the
  content provider's channel), later asks the content provider to activate it; at the end of the
  billing cycle the car manufacturer invoices the driver, the driver pays, and the car manufacturer
  settles the partners their shares of what was paid.

  Background:
    Given a converged offer "5 GB music download" for "14.99" EUR bundles "Music access" at "4.99" and the CSP's "5 GB infotainment data" at "7.50"

  Scenario: The driver orders on the portal, the service is activated, billed and settled
    When the driver "cust-alex" orders the converged offer on the car manufacturer's portal
    Then the car manufacturer created a billing account for "cust-alex"
    And "cust-alex" has one converged product with status "created"
    When the driver "cust-alex" asks the content provider to activate the service
    Then "cust-alex" has one converged product with status "active"
    And the driver was told in its inbox that the service of "Alex Martin" is active
    And the CSP registered the connectivity subscription for "cust-alex"
    When the car manufacturer's billing period "2026-01" ends
    Then the car manufacturer billed "cust-alex" "14.99" EUR before tax
    And the driver was told in its inbox of the car manufacturer's invoice of 17.99 EUR
    And no partner was paid or sent a settlement note yet
    When the driver "cust-alex" pays the car manufacturer's invoice
    Then the invoice of "cust-alex" is "settled" with 0.00 EUR remaining
    And each partner accepted its settlement note and was paid it with tax: the content provider "5.99" EUR (4.99 + 20 % VAT), the CSP "9.00" EUR (7.50 + 20 % VAT)
    # Paid at the list price, every partner gets exactly its share; the car manufacturer keeps 14.99 − 4.99 − 7.50.
    And of the 14.99 EUR the driver paid, the content provider was settled 4.99 EUR, the CSP 7.50 EUR and the car manufacturer kept 2.50 EUR
    And every exchange on the wire was valid
    And the recorded sequence matches figure 11

  @steps:11.1,11.2,11.3,11.4,11.5
  Scenario: A second order of the same offer is refused as incompatible
    Given the driver "cust-alex" orders the converged offer on the car manufacturer's portal
    When the driver "cust-alex" orders the converged offer on the car manufacturer's portal
    Then the answer is a TMF error with status 409
    And the refusal says "already has product"
    And "cust-alex" has one converged product with status "created"

  @steps:11.7
  Scenario: A driver who does not own the service cannot have it activated
    Given the driver "cust-alex" orders the converged offer on the car manufacturer's portal
    When the driver "cust-sam" asks the content provider to activate the service
    Then the answer is a TMF error with status 409
    And the refusal says "has not bought"
    And the content provider ordered nothing from the CSP

  @steps:11.2,11.3,11.4,11.5,11.6,11.7,11.8,11.9,11.10,11.11,11.12,11.13,11.14,11.15
  Scenario Outline: The converged offer ordered through the <channel>'s channel ends in the same inventory and billing
    When the driver "cust-sam" orders the converged offer through the <channel>'s channel
    Then "cust-sam" has one converged product with status "created"
    When the driver "cust-sam" asks the content provider to activate the service
    Then "cust-sam" has one converged product with status "active"
    When the car manufacturer's billing period "2026-01" ends
    Then the car manufacturer billed "cust-sam" "14.99" EUR before tax
    When the driver "cust-sam" pays the car manufacturer's invoice
    Then each partner accepted its settlement note and was paid it with tax: the content provider "5.99" EUR (4.99 + 20 % VAT), the CSP "9.00" EUR (7.50 + 20 % VAT)
    And every exchange on the wire was valid
    And the recorded sequence matches figure 11

    Examples:
      | channel          |
      | csp              |
      | content-provider |

  @steps:11.1,11.2,11.3,11.4,11.5,11.6,11.7,11.8,11.9,11.10,11.11,11.12,11.13,11.14,11.15
  Scenario: A service activated on the 10th pays 22 of January's 31 days; the content provider disputes its prorated licence share, the revision raises only that item, and both partners are paid
    # 22/31 of 14.99 is 10.64 before tax; the shares are prorated alike: 3.54 of 4.99, 5.32 of 7.50.
    # The content provider's licence is owed for a whole month once begun; the CSP's connectivity by the day.
    When the driver "cust-alex" orders the converged offer on the car manufacturer's portal
    And the simulated clock reads "2026-01-10T09:30:00Z"
    And the driver "cust-alex" asks the content provider to activate the service
    And the car manufacturer's billing period "2026-01" ends
    And the driver "cust-alex" pays the car manufacturer's invoice
    # 14.99 × 22/31 = 10.637… → 10.64 EUR. Split in the list proportions 4.99 : 7.50 : 2.50 (of 14.99):
    # 1064 cents × 499/1499 = 354.19, × 750/1499 = 532.36, × 250/1499 = 177.45; whole cents 354 + 532 + 177
    # = 1063, and the cent left goes to the largest remainder, the margin's: first notes 3.54 and 5.32 (margin
    # 1.78); after the revision to 4.99 the car manufacturer keeps 10.64 − 4.99 − 5.32 = 0.33 EUR.
    Then the car manufacturer billed "cust-alex" "10.64" EUR before tax
    And the content provider disputed its note of "3.54" EUR before tax: "the share of 4.99 EUR is owed in full for a month begun, not 3.54 EUR"; the CSP accepted its note of "5.32" EUR
    And the car manufacturer revised only that item, to "4.99" EUR: "raised from 3.54 EUR to the month's share after dispute"; the content provider accepted revision 1
    And each partner accepted its settlement note and was paid it with tax: the content provider "5.99" EUR (4.99 + 20 % VAT), the CSP "6.38" EUR (5.32 + 20 % VAT)
    And the car manufacturer kept "0.33" EUR of the "10.64" EUR paid before tax
    And every exchange on the wire was valid
    And the recorded sequence matches figure 11

  @steps:11.1,11.2,11.3,11.4,11.5,11.6,11.7,11.8,11.9,11.10,11.11,11.12,11.13,11.14,11.15
  Scenario: A partial payment leaves the invoice partly paid and settles nobody; the rest settles it, and the partners are paid
    When the driver "cust-alex" orders the converged offer on the car manufacturer's portal
    And the driver "cust-alex" asks the content provider to activate the service
    And the car manufacturer's billing period "2026-01" ends
    And the driver "cust-alex" pays 10.00 EUR of the car manufacturer's invoice
    Then the invoice of "cust-alex" is "partiallyPaid" with 7.99 EUR remaining
    And no partner was paid or sent a settlement note yet
    When the driver "cust-alex" pays 8.00 EUR of the car manufacturer's invoice
    Then the answer is a TMF error with status 400
    And the refusal says "has 7.99 EUR remaining"
    And the invoice of "cust-alex" is "partiallyPaid" with 7.99 EUR remaining
    When the driver "cust-alex" pays 7.99 EUR of the car manufacturer's invoice
    Then the invoice of "cust-alex" is "settled" with 0.00 EUR remaining
    And each partner accepted its settlement note and was paid it with tax: the content provider "5.99" EUR (4.99 + 20 % VAT), the CSP "9.00" EUR (7.50 + 20 % VAT)
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers

  @steps:11.1,11.2,11.3,11.4,11.5,11.6,11.7,11.8,11.9,11.10,11.15
  Scenario: A driver the car manufacturer does not know yet becomes its customer with a billing account on the first order
    When a new driver "Robin Park" with e-mail "robin.park@example.com" orders the converged offer on the car manufacturer's portal
    Then the car manufacturer has "Robin Park" as a new customer, identified by "robin.park@example.com", with a billing account and one converged product "created"
    When the new customer "Robin Park" asks the content provider to activate the service
    Then the driver was told in its inbox that the service of "Robin Park" is active
    When a new driver "Robin Park" with e-mail "robin.park@example.com" orders the converged offer on the car manufacturer's portal
    Then the answer is a TMF error with status 409
    And the refusal says "is already customer"
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers
