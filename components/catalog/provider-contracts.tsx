import { Disclosure } from "@/components/ui/disclosure";
import { OutcomeProvider, OutcomeSlot } from "@/components/ui/focus-message";
import { RowTh, Table, TableFrame, Td, Th } from "@/components/ui/table";
import { formatDollars } from "@/lib/format-number";
import { ContractForm, ContractRemoveForm } from "./contract-forms";

type Contract = { schoolYear: number; year: string; cost: string; note: string | null };

/**
 * What the district pays one provider per school year (district administrators; the program
 * quality report's cost per credit): the years in a small table, each changed or removed in place,
 * and a form to add a year.
 */
export function ProviderContracts({ provider, contracts, defaultYear }: { provider: { id: string; name: string }; contracts: Contract[]; defaultYear: string }) {
  return (
    <OutcomeProvider>
      <div className="mt-2 max-w-3xl text-sm">
        <OutcomeSlot className="mb-2" />
        {contracts.length === 0 ? (
          <p className="text-slate-600">No contract costs entered: the quality report shows no cost per credit for {provider.name}.</p>
        ) : (
          <TableFrame>
            <Table caption={`Contract costs with ${provider.name}, by school year`} captionClassName="sr-only">
              <thead>
                <tr>
                  <Th>School year</Th>
                  <Th numeric>Cost</Th>
                  <Th>Note</Th>
                  <Th>
                    <span className="sr-only">Change or remove</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {contracts.map((c) => (
                  <tr key={c.schoolYear}>
                    <RowTh>{c.year}</RowTh>
                    <Td numeric>{formatDollars(c.cost)}</Td>
                    <Td>{c.note ?? "—"}</Td>
                    <Td>
                      <div className="flex flex-wrap items-start gap-2">
                        <Disclosure summary={`Change ${c.year}`}>
                          <ContractForm provider={provider} contract={c} defaultYear={c.year} />
                        </Disclosure>
                        <ContractRemoveForm provider={provider} contract={c} />
                      </div>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </TableFrame>
        )}
        <Disclosure summary={`Add a contract with ${provider.name}`} className="mt-2">
          <ContractForm provider={provider} defaultYear={defaultYear} />
        </Disclosure>
      </div>
    </OutcomeProvider>
  );
}
