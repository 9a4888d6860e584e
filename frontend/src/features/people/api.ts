import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../../app/auth';

export function usePerson(userId: string) {
  const { client } = useAuth();
  return useQuery({ queryKey: ['people', userId], queryFn: () => client.getPerson(userId) });
}
