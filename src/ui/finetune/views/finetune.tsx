import type { Services } from '../../actions';
import { AdaptersPanel } from './adapters-panel';
import { DatasetsPanel } from './datasets-panel';
import { TrainPanel } from './train-panel';

export function FinetuneView({ services }: { services: Services }) {
  return (
    <>
      <DatasetsPanel services={services} />
      <TrainPanel services={services} />
      <AdaptersPanel services={services} />
    </>
  );
}
