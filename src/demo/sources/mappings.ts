/**
 * The mapping files for the demo's CSV sources, in FollowTheMoney's mapping format (queries → entities →
 * schema, keys/key_literal, properties with column / columns+join / literal / entity), plus Corvid's
 * per-entity `tlp`.
 */

export const TRANSACTIONS_MAPPING = `# FIU-NL bank transactions: one row per transfer, both parties and accounts as the banks reported them.
queries:
  - entities:
      payer_account:
        schema: BankAccount
        key_literal: account
        keys: [payer_iban]
        properties:
          iban: { column: payer_iban }
          bic: { column: payer_bic }
      payer:
        schema: LegalEntity
        key_literal: party
        keys: [payer_iban, payer_name]
        properties:
          name: { column: payer_name }
      beneficiary_account:
        schema: BankAccount
        key_literal: account
        keys: [beneficiary_iban]
        properties:
          iban: { column: beneficiary_iban }
          bic: { column: beneficiary_bic }
      beneficiary:
        schema: LegalEntity
        key_literal: party
        keys: [beneficiary_iban, beneficiary_name]
        properties:
          name: { column: beneficiary_name }
      payment:
        schema: Payment
        key_literal: payment
        keys: [txid]
        tlp: { column: tlp }
        properties:
          transactionNumber: { column: txid }
          date: { column: booking_time }
          amount: { column: amount }
          currency: { column: currency }
          purpose: { column: remittance_info }
          payer: { entity: payer }
          payerAccount: { entity: payer_account }
          beneficiary: { entity: beneficiary }
          beneficiaryAccount: { entity: beneficiary_account }
`;

export const KYC_PERSONS_MAPPING = `# FIU-NL customer due diligence on natural persons holding subject accounts (incl. answers from partner FIUs).
queries:
  - entities:
      holder:
        schema: Person
        key_literal: customer
        keys: [customer_id]
        properties:
          name: { columns: [first_name, last_name], join: " " }
          firstName: { column: first_name }
          lastName: { column: last_name }
          birthDate: { column: birth_date }
          nationality: { column: nationality }
          address: { columns: [street, postcode, city], join: ", " }
          country: { column: country }
          idNumber: { column: id_document }
      account:
        schema: BankAccount
        key_literal: account
        keys: [iban]
        properties:
          iban: { column: iban }
          bic: { column: bic }
          bankName: { column: bank_name }
          openingDate: { column: opened }
      holding:
        schema: Ownership
        key_literal: holding
        keys: [customer_id, iban]
        properties:
          owner: { entity: holder }
          asset: { entity: account }
          role: { literal: account holder }
          startDate: { column: opened }
`;

export const KYC_COMPANIES_MAPPING = `# FIU-NL customer due diligence on companies holding subject accounts.
queries:
  - entities:
      holder:
        schema: Company
        key_literal: customer
        keys: [customer_id]
        properties:
          name: { column: company_name }
          registrationNumber: { column: registration_number }
          jurisdiction: { column: country }
          address: { column: address }
          incorporationDate: { column: incorporation_date }
      account:
        schema: BankAccount
        key_literal: account
        keys: [iban]
        properties:
          iban: { column: iban }
          bic: { column: bic }
          bankName: { column: bank_name }
          openingDate: { column: opened }
      holding:
        schema: Ownership
        key_literal: holding
        keys: [customer_id, iban]
        properties:
          owner: { entity: holder }
          asset: { entity: account }
          role: { literal: account holder }
          startDate: { column: opened }
`;

/** Call-detail records of one operator; `key_literal` keeps two operators' record ids apart. */
export function cdrMapping(operator: string): string {
  return `# Call-detail records from ${operator} (production order): caller, callee, start (UTC), duration in seconds.
queries:
  - entities:
      call:
        schema: Call
        key_literal: ${operator}
        keys: [record_id]
        properties:
          callerNumber: { column: a_number }
          receiverNumber: { column: b_number }
          startDate: { column: start_time }
          duration: { column: duration_s }
`;
}

export const SUBSCRIBERS_MAPPING = `# Subscriber data the operators returned for the numbers in the production orders.
queries:
  - entities:
      subscriber:
        schema: Person
        key_literal: subscriber
        keys: [msisdn]
        properties:
          name: { columns: [first_name, last_name], join: " " }
          firstName: { column: first_name }
          lastName: { column: last_name }
          birthDate: { column: birth_date }
          phone: { column: msisdn }
          address: { columns: [street, postcode, city], join: ", " }
          createdAt: { column: activation_date }
          publisher: { column: operator }
`;
