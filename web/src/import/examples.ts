// Example mappings to start from: the repository's own (bundled at build time, nothing is fetched) and a few short templates.
import amlsimTransactions from '../../../mappings/amlsim/transactions.yml?raw';
import febrlPerson from '../../../mappings/febrl/person.yml?raw';
import montagnaPhone from '../../../mappings/montagna/phone.yml?raw';
import splinkPerson from '../../../mappings/splink/person.yml?raw';

export interface MappingExample {
  id: string;
  label: string;
  yaml: string;
}

const PEOPLE = `# People, one per row: id,name,birth_date,phone (rename the columns to match your header).
queries:
  - entities:
      person:
        schema: Person
        id_column: id
        properties:
          name: { column: name }
          birthDate: { column: birth_date }
          phone: { column: phone }
`;

const PAYMENTS = `# Bank transfers, one per row: txid,date,amount,currency,payer_name,payer_iban,beneficiary_name,beneficiary_iban
queries:
  - entities:
      payer_account:
        schema: BankAccount
        key_literal: account
        keys: [payer_iban]
        properties:
          iban: { column: payer_iban }
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
        properties:
          transactionNumber: { column: txid }
          date: { column: date }
          amount: { column: amount }
          currency: { column: currency }
          payer: { entity: payer }
          payerAccount: { entity: payer_account }
          beneficiary: { entity: beneficiary }
          beneficiaryAccount: { entity: beneficiary_account }
`;

/** In the order offered; the first is the default. */
export const MAPPING_EXAMPLES: MappingExample[] = [
  { id: 'people', label: 'People (id, name, birth date, phone)', yaml: PEOPLE },
  { id: 'payments', label: 'Bank transfers between account holders', yaml: PAYMENTS },
  { id: 'splink', label: 'Splink person records (mappings/splink/person.yml)', yaml: splinkPerson },
  { id: 'febrl', label: 'Febrl person records (mappings/febrl/person.yml)', yaml: febrlPerson },
  { id: 'montagna-phone', label: 'Montagna phone calls (mappings/montagna/phone.yml)', yaml: montagnaPhone },
  { id: 'amlsim-transactions', label: 'AMLSim transactions (mappings/amlsim/transactions.yml)', yaml: amlsimTransactions },
];
